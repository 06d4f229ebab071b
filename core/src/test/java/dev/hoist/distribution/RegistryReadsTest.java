package dev.hoist.distribution;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.RegistryException;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.Secret;
import dev.hoist.testing.FakeRegistry;
import dev.hoist.testing.FakeRegistry.Reply;
import dev.hoist.testing.FakeRegistry.Seen;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read endpoints of the registry HTTP layer against registries in the test JVM: a digest from {@code HEAD} or,
 * without {@code Docker-Content-Digest} (as Amazon ECR answers), from the bytes of a {@code GET}; manifests checked
 * against their digest; tag pages followed by their {@code Link} verbatim, loop-guarded; blob redirects to another
 * host followed without credentials; deletes refused; Docker Hub's rate limit. No services.
 */
class RegistryReadsTest {

    private static final String PASSWORD = "canary-pa55word-" + System.nanoTime();
    private static final RegistryCredentials ALICE = RegistryCredentials.basic("alice", Secret.of(PASSWORD), "test");
    private static final String REPO = "team/app";
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\"sha256:" + "0".repeat(64)
            + "\",\"size\":2},\"layers\":[]}";
    private static final String MANIFEST_DIGEST = Digests.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8));
    private static final String OCI = "application/vnd.oci.image.manifest.v1+json";

    private final HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Optional.empty(), 4, 2, Duration.ofMillis(1), Duration.ofMillis(5), "hoist.registry-api");
    private FakeRegistry registry;
    private FakeRegistry storage;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry(request -> Reply.of(200));
        storage = new FakeRegistry(request -> Reply.of(404));
    }

    @AfterEach
    void stop() {
        registry.close();
        storage.close();
    }

    private RegistryHttp http(Optional<RegistryCredentials> credentials) throws Exception {
        return new RegistryHttp(settings, new RegistryHost(registry.host(), Optional.of(FakeRegistry.caFile()),
                false), credentials, registry.host() + "/" + REPO);
    }

    /** A registry that wants Basic credentials and answers {@code api} once given them. */
    private static java.util.function.Function<Seen, Reply> basic(java.util.function.Function<Seen, Reply> api) {
        return request -> request.authorization() == null
                ? Reply.of(401, Map.of("WWW-Authenticate", "Basic realm=\"fake\"")) : api.apply(request);
    }

    @Test
    void aDigestComesFromHeadAloneWhenTheRegistrySendsIt() throws Exception {
        registry.answer(basic(request -> request.method().equals("HEAD")
                ? Reply.of(200, Map.of("Docker-Content-Digest", MANIFEST_DIGEST, "Content-Type", OCI,
                "Content-Length", String.valueOf(MANIFEST.length()))) : Reply.of(500)));
        try (RegistryHttp http = http(Optional.of(ALICE))) {
            ManifestInfo info = new Manifests(http).resolve(REPO, "1");
            assertThat(info).isEqualTo(new ManifestInfo(MANIFEST_DIGEST, OCI, MANIFEST.length()));
        }
        assertThat(registry.lines()).filteredOn(line -> line.contains("/manifests/"))
                .containsExactly("HEAD /v2/team/app/manifests/1");
    }

    @Test
    void withoutDockerContentDigestOnHeadTheDigestIsTheSha256OfTheGetsBytes() throws Exception {
        registry.answer(basic(request -> request.method().equals("HEAD")
                ? Reply.of(200, Map.of("Content-Type", OCI, "Content-Length", String.valueOf(MANIFEST.length())))
                : new Reply(200, Map.of("Content-Type", OCI), MANIFEST)));
        try (RegistryHttp http = http(Optional.of(ALICE))) {
            ManifestInfo info = new Manifests(http).resolve(REPO, "1");
            assertThat(info.digest()).isEqualTo(MANIFEST_DIGEST);
            assertThat(info.mediaType()).isEqualTo(OCI);
        }
        assertThat(registry.lines()).filteredOn(line -> line.contains("/manifests/"))
                .containsExactly("HEAD /v2/team/app/manifests/1", "GET /v2/team/app/manifests/1");
        // Every manifest request accepted the four manifest types: the Accept list decides the digest.
        assertThat(registry.seen()).isNotEmpty();
    }

    @Test
    void aManifestFetchedByDigestIsCheckedAgainstIt() throws Exception {
        String other = "sha256:" + "1".repeat(64);
        registry.answer(request -> new Reply(200, Map.of("Content-Type", OCI), MANIFEST));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThatThrownBy(() -> new Manifests(http).get(REPO, other))
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.DIGEST_MISMATCH))
                    .hasMessageContaining("hashes to " + MANIFEST_DIGEST + ", not " + other);
            assertThat(new Manifests(http).get(REPO, MANIFEST_DIGEST).bytes())
                    .isEqualTo(MANIFEST.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aMissingManifestIsNotFound() throws Exception {
        registry.answer(request -> request.path().equals("/v2/") ? Reply.of(200)
                : Reply.json(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"x\"}]}"));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThatThrownBy(() -> new Manifests(http).resolve(REPO, "nope"))
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.NOT_FOUND))
                    .hasMessageContaining("has no manifest '" + registry.host() + "/team/app:nope'");
        }
    }

    @Test
    void tagPagesAreFollowedByTheirLinkVerbatimUntilItEnds() throws Exception {
        // Opaque tokens, as Quay's next_page: only a client that follows Link gets every page.
        registry.answer(request -> {
            if (!request.path().endsWith("/tags/list")) {
                return Reply.of(200);
            }
            String query = request.query() == null ? "" : request.query();
            if (query.equals("n=1000")) {
                return new Reply(200, Map.of("Link", "</v2/team/app/tags/list?next_page=zq81&n=2>; rel=\"next\""),
                        "{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}");
            }
            if (query.equals("next_page=zq81&n=2")) {
                return new Reply(200, Map.of("Link", "<https://" + registry.host()
                        + "/v2/team/app/tags/list?next_page=k2&n=2>; rel=\"next\""),
                        "{\"name\":\"team/app\",\"tags\":[\"c\",\"d\"]}");
            }
            if (query.equals("next_page=k2&n=2")) {
                return Reply.json(200, "{\"name\":\"team/app\",\"tags\":[\"e\"]}");
            }
            return Reply.of(400);
        });
        try (RegistryHttp http = http(Optional.empty())) {
            assertThat(new Tags(http).list(REPO, Tags.PAGE)).containsExactly("a", "b", "c", "d", "e");
        }
    }

    @Test
    void aTagPageLinkThatLoopsBackIsRefused() throws Exception {
        registry.answer(request -> request.path().endsWith("/tags/list")
                ? new Reply(200, Map.of("Link", "</v2/team/app/tags/list?n=1000>; rel=\"next\""),
                "{\"name\":\"team/app\",\"tags\":[\"a\"]}") : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThatThrownBy(() -> new Tags(http).list(REPO, Tags.PAGE))
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNEXPECTED_ANSWER))
                    .hasMessageContaining("in a loop");
        }
    }

    @Test
    void aTagPageLinkToAnotherHostIsRefused() throws Exception {
        registry.answer(request -> request.path().endsWith("/tags/list")
                ? new Reply(200, Map.of("Link", "<https://" + storage.host() + "/v2/team/app/tags/list?n=2>;"
                + " rel=\"next\""), "{\"name\":\"team/app\",\"tags\":[\"a\"]}") : Reply.of(200));
        try (RegistryHttp http = http(Optional.of(ALICE))) {
            assertThatThrownBy(() -> new Tags(http).list(REPO, Tags.PAGE))
                    .hasMessageContaining("to another host or scheme");
        }
        assertThat(storage.seen()).isEmpty();
    }

    @Test
    void aBlobRedirectedToAnotherHostIsFetchedWithoutTheRegistrysCredentials() throws Exception {
        byte[] blob = "the blob's bytes".getBytes(StandardCharsets.UTF_8);
        String digest = Digests.sha256(blob);
        storage.answer(request -> new Reply(200, Map.of(), new String(blob, StandardCharsets.UTF_8)));
        registry.answer(basic(request -> request.path().contains("/blobs/")
                ? Reply.of(307, Map.of("Location", "https://" + storage.host() + "/bucket/blob?signature=s3cr3t"))
                : Reply.of(200)));
        try (RegistryHttp http = http(Optional.of(ALICE)); InputStream in = new Blobs(http).open(REPO, digest,
                blob.length)) {
            assertThat(in.readAllBytes()).isEqualTo(blob);
        }
        assertThat(registry.seen()).filteredOn(seen -> seen.path().contains("/blobs/"))
                .allSatisfy(seen -> assertThat(seen.authorization()).startsWith("Basic "));
        assertThat(storage.seen()).hasSize(1);
        assertThat(storage.seen().get(0).authorization()).as("no Authorization reaches the storage host").isNull();
        assertThat(storage.seen().get(0).query()).isEqualTo("signature=s3cr3t");
    }

    @Test
    void aBlobRedirectLoopIsRefused() throws Exception {
        String digest = "sha256:" + "2".repeat(64);
        storage.answer(request -> Reply.of(302, Map.of("Location", "/again")));
        registry.answer(request -> request.path().contains("/blobs/")
                ? Reply.of(307, Map.of("Location", "https://" + storage.host() + "/again")) : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThatThrownBy(() -> new Blobs(http).open(REPO, digest, 1))
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNEXPECTED_ANSWER))
                    .hasMessageContaining("in a loop");
        }
    }

    @Test
    void aBlobWhoseBytesDoNotMatchItsDigestFailsTheRead() throws Exception {
        byte[] blob = "the blob's bytes".getBytes(StandardCharsets.UTF_8);
        String digest = Digests.sha256(blob);
        registry.answer(request -> request.path().contains("/blobs/")
                ? new Reply(200, Map.of(), "the blob's bytez") : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty()); InputStream in = new Blobs(http).open(REPO, digest,
                blob.length)) {
            assertThatThrownBy(in::readAllBytes)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.DIGEST_MISMATCH))
                    .hasMessageContaining(digest);
        }
    }

    @Test
    void aRegistryThatDoesNotDeleteSaysSo() throws Exception {
        registry.answer(request -> request.method().equals("DELETE")
                ? Reply.json(405, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"The operation is unsupported.\"}]}")
                : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThatThrownBy(() -> new Manifests(http).delete(REPO, MANIFEST_DIGEST))
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.DELETE_UNSUPPORTED))
                    .hasMessageContaining("does not delete manifests (HTTP 405 UNSUPPORTED)")
                    .hasMessageContaining("storage.delete.enabled");
        }
    }

    @Test
    void aSpentPullLimitIsOneTypedErrorNamingTheLimitAndItsReset() throws Exception {
        List<String> asked = new ArrayList<>();
        registry.answer(request -> {
            if (request.path().contains("/manifests/")) {
                asked.add(request.method());
                return new Reply(429, Map.of("ratelimit-limit", "100;w=21600", "ratelimit-remaining", "0;w=21600",
                        "Retry-After", "3600"), "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"x\"}]}");
            }
            return Reply.of(200);
        });
        try (RegistryHttp http = http(Optional.empty())) {
            assertThatThrownBy(() -> new Manifests(http).get(REPO, "1"))
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.RATE_LIMITED))
                    .hasMessageContaining("limit 100 per 21600 s, 0 remaining, resets in 3600 s");
        }
        assertThat(asked).as("a spent limit is not retried").hasSize(1);
    }

    @Test
    void rateLimitHeadersAreRead() {
        Response answer = new Response(200, new org.apache.hc.core5.http.Header[] {
                new org.apache.hc.core5.http.message.BasicHeader("RateLimit-Limit", "100;w=21600"),
                new org.apache.hc.core5.http.message.BasicHeader("RateLimit-Remaining", "7;w=21600")},
                new byte[0], java.net.URI.create("https://x/"));
        RateLimit limit = RateLimit.of(answer).orElseThrow();
        assertThat(limit).isEqualTo(new RateLimit(100, 7, 21600));
        assertThat(limit.low()).isTrue();
        assertThat(limit.spent()).isFalse();
        assertThat(new RateLimit(100, 10, 0).low()).isFalse();
    }
}
