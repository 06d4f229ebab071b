package dev.hoist.distribution;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorCode;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.push.RegistryException;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.Secret;
import dev.hoist.testing.FakeRegistry;
import dev.hoist.testing.LoopbackNames;
import dev.hoist.testing.FakeRegistry.Reply;
import dev.hoist.testing.FakeRegistry.Seen;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry HTTP layer against a registry in the test JVM ({@link FakeRegistry}, HTTPS on loopback): scheme and
 * trust, the Bearer and Basic flows, one token refresh with merged scopes, the refresh-token grant, the realm rule,
 * {@code Location} rules, the error body, which requests are retried, and Docker Hub's API host. No services.
 */
class RegistryHttpTest {

    private static final String PASSWORD = "canary-pa55word-" + System.nanoTime();
    private static final String IDENTITY = "canary-identity-" + System.nanoTime();
    private static final RegistryCredentials ALICE = RegistryCredentials.basic("alice", Secret.of(PASSWORD), "test");
    private static final String REPO = "team/app";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private final HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Optional.empty(), 4, 3, Duration.ofMillis(1), Duration.ofMillis(5), "hoist.registry-api");
    private final Set<String> resolved = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokens = new AtomicInteger();
    private FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry(request -> Reply.of(200));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** Maps registry.test and Docker Hub's names to loopback, and Docker Hub's port 443 to the fake's port. */
    private Network network() {
        return LoopbackNames.network(host -> host.equals("registry.test") || host.endsWith("docker.io"),
                registry::port, resolved);
    }

    private RegistryHttp http(RegistryHost host, Optional<RegistryCredentials> credentials) {
        return new RegistryHttp(settings, host, credentials, host.name() + "/" + REPO + ":1",
                new TokenCache(Clock.systemUTC()), Clock.systemUTC(), RetryPolicy.of(settings), network());
    }

    private RegistryHttp http(Optional<RegistryCredentials> credentials) {
        return http(RegistryHost.of(registry.host()), credentials);
    }

    /** A registry that asks for a Bearer token from its own /token, which gives one per Basic or refresh grant. */
    private Function<Seen, Reply> bearerRegistry(Function<Seen, Reply> api) {
        String realm = "https://" + registry.host() + "/token";
        return request -> {
            if (request.path().equals("/token")) {
                tokens.incrementAndGet();
                return Reply.json(200, "{\"token\":\"t" + tokens.get() + "\",\"expires_in\":300}");
            }
            if (request.authorization() == null || !request.authorization().startsWith("Bearer ")) {
                return Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"fake\""));
            }
            return api.apply(request);
        };
    }

    @Test
    void aVerifiedHttpsRegistryIsFoundWithItsCaFileAndAnswersAnonymously() throws Exception {
        RegistryHost host = new RegistryHost("registry.test:" + registry.port(), Optional.of(FakeRegistry.caFile()),
                false);
        try (RegistryHttp http = http(host, Optional.empty())) {
            http.ping();
            assertThat(http.base()).isEqualTo("https://registry.test:" + registry.port());
        }
        assertThat(resolved).contains("registry.test");
    }

    @Test
    void withoutItsCaFileARegistryOffLoopbackFailsTlsAndIsNotTriedInsecurely() {
        RegistryHost host = RegistryHost.of("registry.test:" + registry.port());
        try (RegistryHttp http = http(host, Optional.empty())) {
            assertThatThrownBy(http::ping).isInstanceOf(RegistryConnectionException.class)
                    .satisfies(kindAndReason(ErrorKind.CONNECTION, RegistryConnectionException.Reason.UNREACHABLE))
                    .hasMessageStartingWith("Cannot reach the registry registry.test:" + registry.port()
                            + ": over HTTPS: TLS failed")
                    .hasMessageContaining("plain HTTP and unverified TLS are only tried for registries on this machine");
        }
        assertThat(registry.seen()).isEmpty();
    }

    @Test
    void dockerHubIsReachedAtItsApiHostForEveryRequest() throws Exception {
        RegistryHost hub = new RegistryHost("docker.io", Optional.of(FakeRegistry.caFile()), false);
        registry.answer(bearerRegistry(request -> Reply.of(404)));
        try (RegistryHttp http = http(hub, Optional.of(ALICE))) {
            assertThat(new Blobs(http).exists("library/app", DIGEST)).isFalse();
        }
        // The token realm is the fake's own address; every registry request goes to registry-1.docker.io.
        assertThat(registry.seen()).filteredOn(seen -> seen.path().startsWith("/v2/")).extracting(Seen::host)
                .containsExactly("registry-1.docker.io", "registry-1.docker.io");
        assertThat(resolved).contains("registry-1.docker.io").doesNotContain("docker.io");
        assertThat(registry.lines()).filteredOn(line -> line.contains("/v2/"))
                .containsExactly("GET /v2/", "HEAD /v2/library/app/blobs/" + DIGEST);
    }

    @Test
    void aBearerTokenIsFetchedOnceWithBasicCredentialsAndTheScopeThenReused() {
        registry.answer(bearerRegistry(request -> Reply.of(404)));
        try (RegistryHttp http = http(Optional.of(ALICE))) {
            Blobs blobs = new Blobs(http);
            assertThat(blobs.exists(REPO, DIGEST)).isFalse();
            assertThat(blobs.exists(REPO, DIGEST)).isFalse();
        }
        List<Seen> tokenRequests = registry.seen().stream().filter(s -> s.path().equals("/token")).toList();
        assertThat(tokenRequests).singleElement().satisfies(token -> {
            assertThat(token.method()).isEqualTo("GET");
            assertThat(token.query()).contains("scope=repository%3Ateam%2Fapp%3Apull%2Cpush")
                    .contains("service=fake").contains("account=alice").contains("client_id=hoist");
            assertThat(token.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void anIdentityTokenIsExchangedWithTheRefreshTokenGrant() {
        registry.answer(bearerRegistry(request -> Reply.of(200)));
        RegistryCredentials token = RegistryCredentials.identityToken(Secret.of(IDENTITY), "docker config");
        try (RegistryHttp http = http(Optional.of(token))) {
            assertThat(new Blobs(http).exists(REPO, DIGEST)).isTrue();
        }
        Seen grant = registry.seen().stream().filter(s -> s.path().equals("/token")).findFirst().orElseThrow();
        assertThat(grant.method()).isEqualTo("POST");
        assertThat(grant.authorization()).isNull();
        assertThat(new String(grant.body(), StandardCharsets.UTF_8)).contains("grant_type=refresh_token")
                .contains("refresh_token=" + IDENTITY).contains("client_id=hoist")
                .contains("scope=repository%3Ateam%2Fapp%3Apull%2Cpush");
    }

    @Test
    void a401WithAWiderChallengeRefreshesTheTokenOnceWithTheScopesMerged() {
        String realm = "https://" + registry.host() + "/token";
        AtomicInteger heads = new AtomicInteger();
        registry.answer(bearerRegistry(request -> heads.incrementAndGet() == 1
                ? Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"fake\","
                + "scope=\"repository:team/app:pull,delete\""))
                : Reply.of(200)));
        try (RegistryHttp http = http(Optional.of(ALICE))) {
            assertThat(new Blobs(http).exists(REPO, DIGEST)).isTrue();
        }
        List<Seen> tokenRequests = registry.seen().stream().filter(s -> s.path().equals("/token")).toList();
        assertThat(tokenRequests).hasSize(2);
        assertThat(tokenRequests.get(1).query()).contains("scope=repository%3Ateam%2Fapp%3Apull%2Cpush%2Cdelete");
        assertThat(registry.seen().get(registry.seen().size() - 1).authorization()).isEqualTo("Bearer t2");
    }

    @Test
    void a401AfterTheRefreshIsAnAuthenticationErrorNamingTheCredentialsButNoSecret() {
        registry.answer(bearerRegistry(request -> Reply.of(401, Map.of("WWW-Authenticate",
                "Bearer realm=\"https://" + registry.host() + "/token\""))));
        try (RegistryHttp http = http(Optional.of(ALICE))) {
            assertThatThrownBy(() -> new Blobs(http).exists(REPO, DIGEST))
                    .isInstanceOf(RegistryAuthenticationException.class)
                    .satisfies(kindAndReason(ErrorKind.AUTHENTICATION, RegistryAuthenticationException.Reason.REFUSED))
                    .hasMessageContaining("HEAD https://" + registry.host() + "/v2/team/app/blobs/" + DIGEST
                            + " answered HTTP 401")
                    .hasMessageContaining("user \"alice\"")
                    .hasMessageNotContaining(PASSWORD).hasMessageNotContaining("t1").hasMessageNotContaining("t2");
        }
        assertThat(tokens.get()).isEqualTo(2);
    }

    @Test
    void basicCredentialsGoWithEveryRequestWhenTheRegistryAsksForBasic() {
        registry.answer(request -> request.authorization() == null
                ? Reply.of(401, Map.of("WWW-Authenticate", "Basic realm=\"fake\"")) : Reply.of(200));
        try (RegistryHttp http = http(Optional.of(ALICE))) {
            assertThat(new Blobs(http).exists(REPO, DIGEST)).isTrue();
        }
        assertThat(registry.seen().get(1).authorization()).startsWith("Basic ");
    }

    @Test
    void credentialsAreNotSentToAPlainHttpRealmOffLoopback() throws Exception {
        RegistryHost host = new RegistryHost("registry.test:" + registry.port(), Optional.of(FakeRegistry.caFile()),
                false);
        registry.answer(request -> request.authorization() == null ? Reply.of(401, Map.of("WWW-Authenticate",
                "Bearer realm=\"http://registry.test:" + registry.port() + "/token\"")) : Reply.of(200));
        try (RegistryHttp http = http(host, Optional.of(ALICE))) {
            assertThatThrownBy(() -> new Blobs(http).exists(REPO, DIGEST))
                    .isInstanceOf(RegistryAuthenticationException.class)
                    .satisfies(kindAndReason(ErrorKind.AUTHENTICATION, RegistryAuthenticationException.Reason.INSECURE_REALM))
                    .hasMessageContaining("is plain HTTP");
        }
        assertThat(registry.lines()).containsExactly("GET /v2/");
    }

    @Test
    void aTokenServiceAnsweringSomethingElseThanATokenIsNamedForWhatItAnswered() {
        // Issue 24 item 18: HTML, invalid JSON or JSON without a token were all "answered 200 without a token".
        String realm = "https://" + registry.host() + "/token";
        java.util.Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("<html><body>Sign in</body></html>", "a body that is not JSON (text/html, ");
        bodies.put("{\"token\": ", "a body that is not JSON (");
        bodies.put("{\"note\":\"none\"}", "a JSON document without a token or access_token field");
        bodies.put("[1,2]", "a body that is not a JSON object (");
        for (var body : bodies.entrySet()) {
            registry.answer(request -> {
                if (request.path().equals("/token")) {
                    return new Reply(200, Map.of("Content-Type", body.getKey().startsWith("<") ? "text/html"
                            : "application/json"), body.getKey());
                }
                return Reply.of(401, Map.of("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"fake\""));
            });
            try (RegistryHttp http = http(Optional.of(ALICE))) {
                assertThatThrownBy(() -> new Blobs(http).exists(REPO, DIGEST)).isInstanceOf(RegistryException.class)
                        .hasMessageContaining("answered 200 with " + body.getValue())
                        .hasMessageNotContaining("Sign in").hasMessageNotContaining(PASSWORD);
            }
        }
    }

    @Test
    void theRegistrysErrorBodyIsParsedIntoItsCodes() {
        registry.answer(request -> request.path().equals("/v2/") ? Reply.of(200) : Reply.json(404,
                "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"},"
                        + "{\"code\":\"X_VENDOR\",\"message\":\"other\"}]}"));
        try (RegistryHttp http = http(Optional.empty())) {
            // A manifest that is not there is NOT_FOUND (the read side's reason), naming it.
            assertThatThrownBy(() -> new Manifests(http).head(REPO, "1")).isInstanceOf(RegistryException.class)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.NOT_FOUND))
                    .hasMessage("The registry " + registry.host() + " has no manifest '" + registry.host()
                            + "/team/app:1' (HTTP 404).")
                    .satisfies(e -> assertThat(((RegistryException) e).status()).hasValue(404));
            // The exception carries the status and the codes of the body (a HEAD answer has none).
            assertThatThrownBy(() -> new Blobs(http).startUpload(REPO)).isInstanceOf(RegistryException.class)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNEXPECTED_ANSWER))
                    .hasMessageContaining("HTTP 404, MANIFEST_UNKNOWN: manifest unknown, X_VENDOR: other")
                    .satisfies(e -> assertThat(((RegistryException) e).status()).hasValue(404))
                    .satisfies(e -> assertThat(((RegistryException) e).codes())
                            .containsExactly(ErrorCode.MANIFEST_UNKNOWN, ErrorCode.OTHER));
        }
        RegistryErrors errors = RegistryErrors.parse(404, ("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":"
                + "\"manifest unknown\"},{\"code\":\"X_VENDOR\",\"message\":\"other\"}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(errors.has(ErrorCode.MANIFEST_UNKNOWN)).isTrue();
        assertThat(errors.entries()).extracting(RegistryErrors.Entry::kind)
                .containsExactly(ErrorCode.MANIFEST_UNKNOWN, ErrorCode.OTHER);
        assertThat(errors.describe()).isEqualTo("HTTP 404, MANIFEST_UNKNOWN: manifest unknown, X_VENDOR: other");
        assertThat(RegistryErrors.parse(502, "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8)).describe())
                .isEqualTo("HTTP 502");
    }

    @Test
    void aRepeatableRequestIsRetriedOnA503UntilItPasses() {
        AtomicInteger heads = new AtomicInteger();
        registry.answer(request -> request.method().equals("HEAD") && heads.incrementAndGet() < 3
                ? Reply.of(503) : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThat(new Blobs(http).exists(REPO, DIGEST)).isTrue();
        }
        assertThat(heads.get()).isEqualTo(3);
    }

    @Test
    void aRepeatableRequestGivesUpWhenTheAttemptsAreSpentNamingTheSetting() {
        registry.answer(request -> request.method().equals("HEAD") ? Reply.of(503) : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThatThrownBy(() -> new Blobs(http).exists(REPO, DIGEST))
                    .isInstanceOf(RegistryException.class)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNAVAILABLE))
                    .hasMessageContaining("failed after 3 attempts; the last: HTTP 503")
                    .hasMessageContaining("(hoist.registry-api.retry-attempts = 3)");
        }
    }

    @Test
    void theClosingPutOfAnUploadIsSentOnceAndItsSessionCancelledOnA503() {
        registry.answer(request -> switch (request.method()) {
            case "POST" -> Reply.of(202, Map.of("Location", "/v2/team/app/blobs/uploads/u1?_state=x"));
            case "PUT" -> Reply.of(503);
            case "GET" -> Reply.of(200);
            default -> Reply.of(204);
        });
        try (RegistryHttp http = http(Optional.empty())) {
            Blobs blobs = new Blobs(http);
            URI session = blobs.startUpload(REPO);
            assertThat(session.toString()).isEqualTo("https://" + registry.host() + "/v2/team/app/blobs/uploads/u1"
                    + "?_state=x");
            assertThatThrownBy(() -> blobs.commit(REPO, session, DIGEST, new byte[] {1}))
                    .isInstanceOf(RetryPolicy.Transient.class);
            assertThat(blobs.cancelOpenSessions(REPO)).isEqualTo(new Blobs.Cancelled(0, 0));
        }
        assertThat(registry.lines()).containsExactly("GET /v2/", "POST /v2/team/app/blobs/uploads/",
                "PUT /v2/team/app/blobs/uploads/u1?_state=x&digest=" + DIGEST.replace(":", "%3A"),
                "DELETE /v2/team/app/blobs/uploads/u1?_state=x");
    }

    @Test
    void aLocationOnAnotherHostIsRefused() {
        registry.answer(request -> request.method().equals("POST")
                ? Reply.of(202, Map.of("Location", "https://elsewhere.example/v2/upload")) : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThatThrownBy(() -> new Blobs(http).startUpload(REPO)).isInstanceOf(RegistryException.class)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNEXPECTED_ANSWER))
                    .hasMessage("The registry " + registry.host() + " sent POST upload to another host"
                            + " (https://elsewhere.example); Hoist does not follow a registry to another host or scheme"
                            + " with its credentials.");
        }
    }

    @Test
    void aMountAnswersMountedOrTheSessionItOpened() {
        AtomicInteger posts = new AtomicInteger();
        registry.answer(request -> !request.method().equals("POST") ? Reply.of(200)
                : posts.incrementAndGet() == 1 ? Reply.of(201)
                : Reply.of(202, Map.of("Location", "/v2/team/app/blobs/uploads/u2")));
        try (RegistryHttp http = http(Optional.empty())) {
            Blobs blobs = new Blobs(http);
            assertThat(blobs.mount(REPO, DIGEST, "team/base")).isEqualTo(new Blobs.Mount.Mounted());
            assertThat(blobs.mount(REPO, DIGEST, "team/base")).isInstanceOfSatisfying(Blobs.Mount.Session.class,
                    session -> assertThat(session.upload().getPath()).isEqualTo("/v2/team/app/blobs/uploads/u2"));
        }
        assertThat(registry.seen().get(1).query()).isEqualTo("mount=" + DIGEST.replace(":", "%3A")
                + "&from=team%2Fbase");
    }

    @Test
    void aManifestPutIsCheckedAgainstTheDigestTheRegistryReports() {
        byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        registry.answer(request -> request.method().equals("PUT")
                ? Reply.of(201, Map.of("Docker-Content-Digest", Digests.sha256(manifest))) : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThat(new Manifests(http).put(REPO, "1", "application/vnd.oci.image.manifest.v1+json", manifest))
                    .isEqualTo(Digests.sha256(manifest));
        }
    }

    @Test
    void aManifestHeadAcceptsEveryManifestMediaType() {
        registry.answer(request -> request.method().equals("HEAD") ? Reply.of(200, Map.of("Docker-Content-Digest",
                DIGEST, "Content-Type", "application/vnd.oci.image.index.v1+json")) : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThat(new Manifests(http).head(REPO, "1").digest()).isEqualTo(DIGEST);
        }
    }

    @Test
    void hoistAuthUsesTheRegistrysCaFile() throws Exception {
        RegistryProbe probe = new RegistryProbe(settings, network());
        String host = "registry.test:" + registry.port();

        RegistryProbe.Result trusted = probe.probe(new RegistryHost(host, Optional.of(FakeRegistry.caFile()), false),
                Optional.empty(), REPO, "hoist.registries.test.credentials");
        RegistryProbe.Result untrusted = probe.probe(RegistryHost.of(host), Optional.empty(), REPO,
                "hoist.registries.test.credentials");

        assertThat(trusted.status()).isEqualTo(ProbeStatus.OK);
        assertThat(trusted.detail()).isEqualTo(host + " answers /v2/ without asking for credentials.");
        assertThat(untrusted.status()).isEqualTo(ProbeStatus.UNREACHABLE);
        assertThat(untrusted.detail()).startsWith("Cannot reach the registry " + host + ": over HTTPS: TLS failed");
    }

    @Test
    void hoistAuthAsksDockerHubAtItsApiHost() throws Exception {
        registry.answer(bearerRegistry(request -> Reply.of(200)));
        RegistryProbe.Result result = new RegistryProbe(settings, network()).probe(new RegistryHost("docker.io",
                Optional.of(FakeRegistry.caFile()), false), Optional.of(ALICE), "me/app", "hoist.registries.hub.credentials");

        assertThat(result.status()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).isEqualTo("docker.io accepted the username \"alice\" and password from test (Bearer"
                + " token from 127.0.0.1:" + registry.port() + ", scope repository:me/app:push,pull).");
        assertThat(registry.seen()).filteredOn(seen -> seen.path().startsWith("/v2/")).extracting(Seen::host)
                .containsOnly("registry-1.docker.io");
    }

    @Test
    void aRetriedStatusWhoseCodeSaysTheRequestCanNeverSucceedIsNotRetried() {
        byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        registry.answer(request -> request.method().equals("PUT") ? Reply.json(500, "{\"errors\":[{\"code\":"
                + "\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}") : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThatThrownBy(() -> new Manifests(http).put(REPO, "1", "application/vnd.oci.image.manifest.v1+json",
                    manifest)).isInstanceOfSatisfying(dev.hoist.push.RegistryException.class, refused -> {
                        assertThat(refused.codes()).containsExactly(dev.hoist.push.ErrorCode.MANIFEST_BLOB_UNKNOWN);
                        assertThat(refused.getMessage()).contains("HTTP 500, MANIFEST_BLOB_UNKNOWN");
                    });
        }
        assertThat(registry.lines()).filteredOn(line -> line.startsWith("PUT")).hasSize(1);
    }

    @Test
    void aRetriedStatusWithAnUnknownOrRateLimitCodeIsStillRetried() {
        AtomicInteger heads = new AtomicInteger();
        registry.answer(request -> !request.method().equals("HEAD") ? Reply.of(200)
                : heads.incrementAndGet() == 1 ? Reply.json(503, "{\"errors\":[{\"code\":\"UNAVAILABLE\"}]}")
                : heads.get() == 2 ? Reply.json(429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}")
                : Reply.of(200));
        try (RegistryHttp http = http(Optional.empty())) {
            assertThat(new Blobs(http).exists(REPO, DIGEST)).isTrue();
        }
        assertThat(heads.get()).isEqualTo(3);
    }

    @Test
    void theSessionsTheRegistryWouldNotCancelAreCountedAsSuch() {
        AtomicInteger posts = new AtomicInteger();
        registry.answer(request -> switch (request.method()) {
            case "POST" -> Reply.of(202, Map.of("Location", "/v2/team/app/blobs/uploads/u" + posts.incrementAndGet()));
            case "DELETE" -> request.path().endsWith("/u1") ? Reply.of(204)
                    : Reply.json(404, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\"}]}");
            default -> Reply.of(200);
        });
        try (RegistryHttp http = http(Optional.empty())) {
            Blobs blobs = new Blobs(http);
            blobs.startUpload(REPO);
            blobs.startUpload(REPO);
            assertThat(blobs.cancelOpenSessions(REPO)).isEqualTo(new Blobs.Cancelled(2, 1));
            assertThat(blobs.cancelOpenSessions(REPO)).isEqualTo(new Blobs.Cancelled(0, 0));
        }
    }
}
