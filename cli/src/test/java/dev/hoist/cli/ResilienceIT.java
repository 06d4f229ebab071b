package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.testing.FaultProxy;
import dev.hoist.testing.RegistryConsistency;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12's concurrency and Ctrl-C cases through the public API and the shaded jar: one {@link Hoist} pushing 16
 * images from 16 threads; 8 {@code hoist push} processes at once; SIGINT in the middle of a push (exit 130, open
 * upload session cancelled, a re-run skips the committed blobs). Every digest is read back from the registry.
 */
class ResilienceIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar"));

    @TempDir
    Path dir;

    @BeforeEach
    void services() {
        TestServices.require();
    }

    private String config(String registry) {
        return "hoist {\n  transport = \"registry-api\"\n  docker.host = \"" + TestServices.dockerHost() + "\"\n"
                + "  registries.local.uri = \"" + registry + "\"\n"
                + "  registry-api { blob-cache-directory = \"" + dir.resolve("cache") + "\", retry-base = 50ms }\n}\n";
    }

    @Test
    void oneHoistPushesSixteenImagesFromSixteenThreadsAndLeavesNoThread() throws Exception {
        List<Path> archives = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            archives.add(TestArchives.legacyArchive(TestArchives.randomImage(300_000 + i, 40_000), "app:" + i,
                    dir.resolve("image-" + i + ".tar"), i % 2 == 1));
        }
        String prefix = "hoist-it/threads-" + TestImages.uniqueTag();
        Set<Thread> before = liveThreads();
        List<PushResult> results = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try (Hoist hoist = Hoist.builder().config(ConfigFactory.parseString(config(TestServices.registry())))
                .classLoader(ResilienceIT.class.getClassLoader()).build()) {
            List<Future<PushResult>> pushes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                pushes.add(threads.submit(() -> hoist.defaultRegistry().push(ImageSource.dockerArchive(archives.get(n)),
                        TestServices.registry() + "/" + prefix + "-" + n + ":1")));
            }
            for (Future<PushResult> push : pushes) {
                results.add(push.get(5, TimeUnit.MINUTES));
            }
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        // Before the read-backs below, which start the JDK HTTP client's own threads.
        assertThat(leftSince(before)).as("threads left after close").isEmpty();
        for (int i = 0; i < 16; i++) {
            assertThat(RegistryHttp.manifestDigest(TestServices.registry(), prefix + "-" + i, "1"))
                    .isEqualTo(results.get(i).digest());
            assertThat(RegistryConsistency.check(TestServices.registry(), prefix + "-" + i)).hasSize(3);
        }
    }

    @Test
    void eightCliPushesInParallelEachGetItsDigest() throws Exception {
        Path config = Files.writeString(dir.resolve("hoist.conf"), config(TestServices.registry()));
        String prefix = "hoist-it/cli-parallel-" + TestImages.uniqueTag();
        List<Process> processes = new ArrayList<>();
        List<CompletableFuture<String>> outs = new ArrayList<>();
        List<CompletableFuture<String>> errs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path archive = TestArchives.legacyArchive(TestArchives.randomImage(2_000_000, 100_000 + i), "app:1",
                    dir.resolve("cli-" + i + ".tar"), false);
            Process process = start("push", "--config", config.toString(), "--from", "docker-archive:" + archive,
                    TestServices.registry() + "/" + prefix + "-" + i + ":1");
            processes.add(process);
            outs.add(readAsync(process.getInputStream()));
            errs.add(readAsync(process.getErrorStream()));
        }
        for (int i = 0; i < 8; i++) {
            assertThat(processes.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(processes.get(i).exitValue()).as(errs.get(i).get()).isZero();
            String digest = outs.get(i).get().strip();
            assertThat(RegistryHttp.manifestDigest(TestServices.registry(), prefix + "-" + i, "1")).isEqualTo(digest);
            assertThat(RegistryConsistency.check(TestServices.registry(), prefix + "-" + i)).hasSize(3);
        }
    }

    @Test
    void ctrlCStopsThePushCancelsItsSessionExits130AndARerunSkipsWhatWasCommitted() throws Exception {
        try (FaultProxy proxy = new FaultProxy(TestServices.registry())) {
            // The two small layers go up at once; the big one crawls through the proxy at 1 MB/s.
            proxy.rule("PATCH", "/blobs/uploads/", new FaultProxy.Throttle(1_000_000), 100);
            Path config = Files.writeString(dir.resolve("hoist.conf"), config(proxy.address()));
            Path archive = TestArchives.legacyArchive(TestArchives.randomImage(60_000, 60_000, 12_000_000), "app:1",
                    dir.resolve("big.tar"), false);
            String image = proxy.address() + "/hoist-it/sigint-" + TestImages.uniqueTag() + ":1";
            Process process = start("push", "--config", config.toString(), "--from", "docker-archive:" + archive,
                    "--json", image);
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            readAsync(process.getInputStream());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String commit = "/blobs/uploads/.*[?&]digest=";
            while (proxy.count("PUT", commit, 201) < 3 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(proxy.count("PUT", commit, 201)).as("small layers and config committed: " + proxy.log()).isEqualTo(3);
            // The big layer's upload session is open (its POST answered) before the signal: on a loaded machine its
            // task may start late, and a push with no session open has none to cancel.
            while (proxy.count("POST", "/blobs/uploads/", 202) < 4 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(proxy.count("POST", "/blobs/uploads/", 202)).as("big layer's session open: " + proxy.log())
                    .isEqualTo(4);
            Thread.sleep(500);
            assertThat(process.isAlive()).as("still pushing the big layer").isTrue();
            long signalled = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            System.out.println("SIGINT to exit: " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled) + " ms");
            assertThat(process.exitValue()).as(err.get()).isEqualTo(130);
            assertThat(err.get()).contains("cancelled");
            assertThat(proxy.requests("DELETE", "/blobs/uploads/")).as("open session cancelled: " + proxy.log())
                    .isGreaterThanOrEqualTo(1);

            proxy.clearRules();
            Process again = start("push", "--config", config.toString(), "--from", "docker-archive:" + archive,
                    "--json", image);
            CompletableFuture<String> out = readAsync(again.getInputStream());
            CompletableFuture<String> againErr = readAsync(again.getErrorStream());
            assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(again.exitValue()).as(againErr.get()).isZero();
            assertThat(out.get()).containsPattern("\"result\":\"exists\".*\"result\":\"exists\".*\"result\":\"uploaded\"");
            String repository = image.substring(image.indexOf('/') + 1, image.lastIndexOf(':'));
            assertThat(RegistryConsistency.check(TestServices.registry(), repository)).hasSize(4);
        }
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DOCKER_HOST", TestServices.dockerHost());
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException failed) {
                text.completeExceptionally(failed);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    private static Set<String> leftSince(Set<Thread> before) throws InterruptedException {
        Set<String> left = Set.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            left = liveThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                    .collect(Collectors.toSet());
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return left;
    }
}
