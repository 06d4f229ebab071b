package dev.hoist.transport.registry;

import static dev.hoist.push.ErrorAssertions.kind;
import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.PushCancelledException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryException;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.testing.FaultProxy;
import dev.hoist.testing.FaultProxy.Fault;
import dev.hoist.testing.RegistryConsistency;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import dev.hoist.transport.source.ImageSourceOpener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault of issue #12, injected by {@link FaultProxy} between the registry-API transport and the real plain
 * registry: the push succeeds (retried) or fails with the right typed error, and the registry stays consistent
 * (every blob of every tag matches its digest). Timeouts and backoffs are small so the class stays fast; each case's
 * wall time is printed (to {@code target/fault-timings.txt} too) for the note, never asserted.
 */
class FaultInjectionIntegrationTest {

    private static final Map<String, Long> TIMINGS = new ConcurrentHashMap<>();
    private static final String UPLOADS = "/blobs/uploads/";
    private static final String COMMIT = "/blobs/uploads/.*[?&]digest=";
    private static final String MANIFEST = "/manifests/";
    private static final String BLOB_HEAD = "/blobs/sha256:";
    private static final String BAD_DIGEST = "sha256:" + "0".repeat(64);

    @TempDir
    Path dir;
    FaultProxy proxy;
    RegistryApiTransport transport;

    @BeforeAll
    static void services() {
        TestServices.require();
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new FaultProxy(TestServices.registry());
        transport = new RegistryApiTransport(settings(dir.resolve("cache"), Duration.ofSeconds(1)), new ImageSourceOpener(
                () -> new DockerEngine(TestServices.dockerSettings("unix:///nonexistent/hoist-test.sock"))));
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        proxy.close();
    }

    @AfterAll
    static void timings() throws Exception {
        StringBuilder text = new StringBuilder();
        TIMINGS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append(e.getKey()).append(": ").append(e.getValue()).append(" ms\n"));
        System.out.print(text);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("fault-timings.txt"), text);
        }
    }

    /** Small timeouts and backoffs: a stall of 2 s outlasts the 1 s idle timeout; 4 attempts, 20 ms to 1 s apart. */
    static RegistryApiSettings settings(Path cache, Duration idle) {
        return new RegistryApiSettings(4, 1, Optional.of(cache), 1024 * 1024, Duration.ofSeconds(1), idle,
                Optional.empty(), 4, Duration.ofMillis(20), Duration.ofSeconds(1));
    }

    /** Faults a push survives. */
    static Stream<Arguments> survived() {
        return Stream.of(
                Arguments.of("429 with Retry-After: 1 on POST upload", "POST", UPLOADS, new FaultProxy.Status(429, "1"), 2),
                Arguments.of("429 with an HTTP-date Retry-After on POST upload (its wait: RetryPolicyTest)", "POST", UPLOADS,
                        new FaultProxy.Status(429, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(1))), 1),
                Arguments.of("429 without Retry-After on PUT manifest", "PUT", MANIFEST, new FaultProxy.Status(429, null), 2),
                Arguments.of("408 on POST upload", "POST", UPLOADS, new FaultProxy.Status(408, null), 1),
                Arguments.of("500 on PATCH", "PATCH", UPLOADS, new FaultProxy.Status(500, null), 1),
                Arguments.of("502 on the blob's closing PUT", "PUT", COMMIT, new FaultProxy.Status(502, null), 2),
                Arguments.of("503 on HEAD blob", "HEAD", BLOB_HEAD, new FaultProxy.Status(503, null), 2),
                Arguments.of("504 on GET /v2/", "GET", "^/v2/$", new FaultProxy.Status(504, null), 1),
                Arguments.of("503 on PUT manifest", "PUT", MANIFEST, new FaultProxy.Status(503, null), 3),
                Arguments.of("reset after 100 KB of a PATCH", "PATCH", UPLOADS, new FaultProxy.ResetAfter(100_000), 1),
                Arguments.of("reset at once on PUT manifest", "PUT", MANIFEST, new FaultProxy.ResetAfter(0), 1),
                Arguments.of("stall 2s on HEAD blob", "HEAD", BLOB_HEAD, new FaultProxy.Stall(Duration.ofSeconds(2)), 1),
                Arguments.of("stall 2s on PUT manifest", "PUT", MANIFEST, new FaultProxy.Stall(Duration.ofSeconds(2)), 1),
                Arguments.of("stall 2s on PATCH", "PATCH", UPLOADS, new FaultProxy.Stall(Duration.ofSeconds(2)), 1),
                Arguments.of("truncated answer to POST upload", "POST", UPLOADS, new FaultProxy.Truncate(), 1),
                Arguments.of("truncated answer to PUT manifest", "PUT", MANIFEST, new FaultProxy.Truncate(), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("survived")
    void aPushSurvives(String name, String method, String target, Fault fault, int times) throws Exception {
        FaultProxy.Rule rule = proxy.rule(method, target, fault, times);
        String repository = "hoist-it/fault-" + TestImages.uniqueTag();
        Path archive = archive(1_500_000, 200_000);

        long start = System.nanoTime();
        PushResult result = push(archive, repository);
        TIMINGS.put("survived: " + name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

        assertThat(rule.fired()).as("the fault fired").isEqualTo(times);
        assertThat(dev.hoist.testing.RegistryHttp.manifestDigest(TestServices.registry(), repository, "1"))
                .isEqualTo(result.digest());
        assertThat(RegistryConsistency.check(TestServices.registry(), repository)).hasSize(3);
        if (method.equals("PATCH") || target.equals(COMMIT)) {
            // The dead session was cancelled, and the blob went up in a new one.
            assertThat(proxy.requests("DELETE", UPLOADS)).as("DELETEs of the failed session: " + proxy.log())
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aRegistryThatStaysUnavailableFailsNamingTheAttemptsAndTheLastStatus() throws Exception {
        proxy.rule("PUT", MANIFEST, new FaultProxy.Status(503, null), 100);
        String repository = "hoist-it/fault-" + TestImages.uniqueTag();
        Path archive = archive(200_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> push(archive, repository))
                .isInstanceOf(RegistryException.class)
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNAVAILABLE))
                .hasMessageContaining("after 4 attempts").hasMessageContaining("HTTP 503")
                .hasMessageContaining("retry-attempts");
        TIMINGS.put("failed: 503 on every PUT manifest", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(proxy.count("PUT", MANIFEST, 503)).isEqualTo(4);
        assertThat(RegistryConsistency.check(TestServices.registry(), repository)).isEmpty();
    }

    @Test
    void aStalledUploadThatNeverRecoversFailsAfterItsAttempts() throws Exception {
        proxy.rule("PATCH", UPLOADS, new FaultProxy.Stall(Duration.ofSeconds(2)), 100);
        String repository = "hoist-it/fault-" + TestImages.uniqueTag();
        Path archive = archive(1_500_000);
        long start = System.nanoTime();
        // The stalled proxy reads nothing, so the body's write fails when it closes (broken pipe or reset).
        assertThatThrownBy(() -> push(archive, repository))
                .isInstanceOf(RegistryException.class)
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNAVAILABLE))
                .hasMessageContaining("after 4 attempts");
        TIMINGS.put("failed: stall on every PATCH", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(RegistryConsistency.check(TestServices.registry(), repository)).isEmpty();
    }

    @Test
    void aSilentRegistryFailsNamingTheIdleTimeout() throws Exception {
        proxy.rule("PUT", MANIFEST, new FaultProxy.Stall(Duration.ofSeconds(2)), 100);
        String repository = "hoist-it/fault-" + TestImages.uniqueTag();
        Path archive = archive(200_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> push(archive, repository))
                .isInstanceOf(RegistryException.class)
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNAVAILABLE))
                .hasMessageContaining("after 4 attempts").hasMessageContaining("hoist.registry-api.idle-timeout");
        TIMINGS.put("failed: stall on every PUT manifest", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(RegistryConsistency.check(TestServices.registry(), repository)).isEmpty();
    }

    @Test
    void aReplacedManifestDigestIsATypedErrorAndIsNotRetried() throws Exception {
        FaultProxy.Rule rule = proxy.rule("PUT", MANIFEST, new FaultProxy.ReplaceDigest(BAD_DIGEST), 5);
        String repository = "hoist-it/fault-" + TestImages.uniqueTag();
        long start = System.nanoTime();
        assertThatThrownBy(() -> push(archive(200_000), repository))
                .isInstanceOf(RegistryException.class)
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.DIGEST_MISMATCH))
                .hasMessageContaining(BAD_DIGEST);
        TIMINGS.put("failed: replaced manifest Docker-Content-Digest", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(rule.fired()).isEqualTo(1);
        RegistryConsistency.check(TestServices.registry(), repository);
    }

    @Test
    void aReplacedBlobDigestIsATypedErrorAndIsNotRetried() throws Exception {
        FaultProxy.Rule rule = proxy.rule("PUT", COMMIT, new FaultProxy.ReplaceDigest(BAD_DIGEST), 5);
        String repository = "hoist-it/fault-" + TestImages.uniqueTag();
        long start = System.nanoTime();
        assertThatThrownBy(() -> push(archive(200_000), repository))
                .isInstanceOf(RegistryException.class)
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.DIGEST_MISMATCH))
                .hasMessageContaining(BAD_DIGEST)
                .hasMessageContaining("changed on the way");
        TIMINGS.put("failed: replaced blob Docker-Content-Digest", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        // Once per blob (config and one layer), never a second time for the same blob; a request may still be landing.
        for (int i = 0; i < 40 && proxy.requests("PUT", COMMIT) != rule.fired(); i++) {
            Thread.sleep(50);
        }
        assertThat(rule.fired()).isBetween(1, 2);
        assertThat(proxy.requests("PUT", COMMIT)).isEqualTo(rule.fired());
        assertThat(RegistryConsistency.check(TestServices.registry(), repository)).isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("403 on POST upload", "POST", UPLOADS, 403, ErrorKind.AUTHENTICATION,
                        RegistryAuthenticationException.Reason.REFUSED),
                Arguments.of("401 without a challenge on HEAD blob", "HEAD", BLOB_HEAD, 401, ErrorKind.AUTHENTICATION,
                        RegistryAuthenticationException.Reason.REFUSED),
                Arguments.of("400 on PUT manifest", "PUT", MANIFEST, 400, ErrorKind.REGISTRY,
                        RegistryException.Reason.UNEXPECTED_ANSWER),
                Arguments.of("404 on PUT manifest", "PUT", MANIFEST, 404, ErrorKind.REGISTRY,
                        RegistryException.Reason.UNEXPECTED_ANSWER));
    }

    @ParameterizedTest(name = "{0} is never retried")
    @MethodSource("refused")
    void otherClientErrorsAreNeverRetried(String name, String method, String target, int status,
                                          ErrorKind kind, Enum<?> reason) throws Exception {
        FaultProxy.Rule rule = proxy.rule(method, target, new FaultProxy.Status(status, null), 5);
        String repository = "hoist-it/fault-" + TestImages.uniqueTag();
        long start = System.nanoTime();
        assertThatThrownBy(() -> push(archive(200_000), repository)).satisfies(kindAndReason(kind, reason));
        TIMINGS.put("failed: " + name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        // A concurrent request of the other blob may still be in flight when the push fails: let it land.
        for (int i = 0; i < 40 && proxy.requests(method, target) != rule.fired(); i++) {
            Thread.sleep(50);
        }
        // At most once per request: the config and the one layer may each meet it once, never twice.
        assertThat(rule.fired()).as("requests refused " + status).isBetween(1, method.equals("PUT") ? 1 : 2);
        assertThat(proxy.requests(method, target)).as("requests sent: " + proxy.log()).isEqualTo(rule.fired());
        assertThat(RegistryConsistency.check(TestServices.registry(), repository)).isEmpty();
    }

    @Test
    void interruptingThePushStopsItCancelsItsSessionsAndARerunSkipsWhatWasCommitted() throws Exception {
        // Two small layers go up at once; the big one crawls through the proxy at 1 MB/s.
        proxy.rule("PATCH", UPLOADS, new FaultProxy.Throttle(1_000_000), 100);
        String repository = "hoist-it/cancel-" + TestImages.uniqueTag();
        Path archive = archive(60_000, 60_000, 12_000_000);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread pusher = new Thread(() -> {
            try {
                push(archive, repository);
                outcome.complete(null);
            } catch (Throwable failed) {
                outcome.complete(failed);
            }
        }, "pusher");
        pusher.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (proxy.count("PUT", COMMIT, 201) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(proxy.count("PUT", COMMIT, 201)).as("small layers and config committed: " + proxy.log()).isEqualTo(3);
        Thread.sleep(500); // the big layer is mid-PATCH
        long interrupted = System.nanoTime();
        pusher.interrupt();
        Throwable failure = outcome.get(30, TimeUnit.SECONDS);
        TIMINGS.put("cancel: interrupt to PushCancelledException", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interrupted));
        assertThat(failure).isInstanceOf(PushCancelledException.class).satisfies(kind(ErrorKind.CANCELLED)).hasMessageContaining("cancelled");
        pusher.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(proxy.requests("DELETE", UPLOADS)).as("the open session cancelled: " + proxy.log())
                .isGreaterThanOrEqualTo(1);
        assertThat(RegistryConsistency.check(TestServices.registry(), repository)).isEmpty();

        proxy.clearRules();
        PushResult again = push(archive, repository);
        assertThat(again.layers()).extracting(PushResult.LayerResult::result)
                .containsExactly(PushResult.Outcome.EXISTS, PushResult.Outcome.EXISTS, PushResult.Outcome.UPLOADED);
        assertThat(RegistryConsistency.check(TestServices.registry(), repository)).hasSize(4);
    }

    private PushResult push(Path archive, String repository) {
        return transport.push(ImageSource.dockerArchive(archive, Optional.empty()),
                new RegistryTarget(proxy.address(), repository, "1", Optional.empty(), false), Optional.empty());
    }

    private Path archive(int... layerSizes) throws Exception {
        Path file = dir.resolve("image-" + System.nanoTime() + ".tar");
        return TestArchives.legacyArchive(TestArchives.randomImage(layerSizes), "fault/test:1", file, false);
    }

    static List<String> names() {
        return new ArrayList<>(TIMINGS.keySet());
    }
}
