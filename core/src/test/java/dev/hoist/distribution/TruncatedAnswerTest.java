package dev.hoist.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.RegistryException;
import dev.hoist.testing.RawHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An answer whose header block ends with the connection, not an empty line, is a truncated answer: never taken as
 * complete (a cut {@code Location} used as if whole, a manifest {@code PUT} passed without its digest), retried where
 * the request may be repeated, and named as such when the attempts are spent.
 */
class TruncatedAnswerTest {

    private static final String REPO = "team/app";
    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    private static final String PING = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";

    private final HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Optional.empty(), 4, 3, Duration.ofMillis(1), Duration.ofMillis(5), "hoist.registry-api");

    private RegistryHttp http(RawHttpServer server) {
        return new RegistryHttp(settings, RegistryHost.of(server.host()), Optional.empty(), server.host() + "/x:1",
                new TokenCache(Clock.systemUTC()), Clock.systemUTC(), RetryPolicy.of(settings));
    }

    /** Answers GET /v2/ whole; the first answer to {@code method} with {@code cut}, the next ones with {@code whole}. */
    private static Function<String, String> cutOnce(String method, String cut, String whole) {
        AtomicInteger seen = new AtomicInteger();
        return line -> line.startsWith("GET /v2/ ") ? PING
                : line.startsWith(method + " ") && seen.incrementAndGet() == 1 ? cut : whole;
    }

    @Test
    void aHeadCutInsideAHeaderLineIsRetried() throws Exception {
        try (RawHttpServer server = new RawHttpServer(cutOnce("HEAD",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nDocker-Content-",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nDocker-Content-Digest: " + DIGEST + "\r\n\r\n"));
             RegistryHttp http = http(server)) {
            assertThat(new Blobs(http).exists(REPO, DIGEST)).isTrue();
            assertThat(server.requests()).filteredOn(line -> line.startsWith("HEAD")).hasSize(2);
        }
    }

    @Test
    void aLocationCutShortIsNeverUsed() throws Exception {
        try (RawHttpServer server = new RawHttpServer(cutOnce("POST",
                "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nLocation: /v2/team/app/blobs/uploads/u1?_sta",
                "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nLocation: /v2/team/app/blobs/uploads/u1?_state=whole"
                        + "\r\n\r\n"));
             RegistryHttp http = http(server)) {
            assertThat(new Blobs(http).startUpload(REPO).toString()).endsWith("/v2/team/app/blobs/uploads/u1?_state=whole");
        }
    }

    @Test
    void aManifestPutCutBeforeItsDigestIsSentAgainAndChecked() throws Exception {
        byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        String other = "sha256:" + "ef".repeat(32);
        try (RawHttpServer server = new RawHttpServer(cutOnce("PUT", "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n",
                "HTTP/1.1 201 Created\r\nContent-Length: 0\r\nDocker-Content-Digest: " + other + "\r\n\r\n"));
             RegistryHttp http = http(server)) {
            // The second, whole answer names another digest: the check the cut answer would have skipped.
            assertThatThrownBy(() -> new Manifests(http).put(REPO, "1", "application/vnd.oci.image.manifest.v1+json",
                    manifest)).isInstanceOfSatisfying(RegistryException.class, mismatch ->
                    assertThat(mismatch.reason()).isEqualTo(RegistryException.Reason.DIGEST_MISMATCH));
            assertThat(server.requests()).filteredOn(line -> line.startsWith("PUT")).hasSize(2);
        }
    }

    @Test
    void answersCutEveryTimeEndInAnErrorThatSaysSo() throws Exception {
        try (RawHttpServer server = new RawHttpServer(line -> line.startsWith("GET /v2/ ") ? PING
                : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
             RegistryHttp http = http(server)) {
            assertThatThrownBy(() -> new Blobs(http).exists(REPO, DIGEST)).isInstanceOfSatisfying(
                    RegistryException.class, spent -> {
                        assertThat(spent.reason()).isEqualTo(RegistryException.Reason.UNAVAILABLE);
                        assertThat(spent.getMessage()).contains("failed after 3 attempts")
                                .contains("the answer ended inside its headers");
                    });
        }
    }
}
