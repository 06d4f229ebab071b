package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.push.RegistryException;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.testing.LocalRegistry;
import dev.hoist.testing.RegistryConsistency;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestServices;
import dev.hoist.transport.source.ImageSourceOpener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12's "killed mid-push": a registry of the test's own ({@link LocalRegistry}, never a shared service) is
 * killed (SIGKILL) in the middle of a 200 MB push and started again; the first push ends with a typed error (or,
 * if the retries outlast the restart, succeeds), a second push succeeds, and every blob matches its digest.
 */
class RegistryKilledMidPushIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void aRegistryKilledMidPushAndRestartedTakesTheSecondPushWhole() throws Exception {
        TestServices.require();
        Path archive = LocalRegistry.bigArchive(dir.resolve("big.tar"), 4, 50L * 1024 * 1024, "big/app:1");
        RegistryApiSettings settings = new RegistryApiSettings(4, 1, Optional.of(dir.resolve("cache")), 1024 * 1024,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.empty(), 3, Duration.ofMillis(100),
                Duration.ofSeconds(1));
        try (LocalRegistry registry = new LocalRegistry(dir.resolve("registry"));
             RegistryApiTransport transport = new RegistryApiTransport(settings, new ImageSourceOpener(
                     () -> new DockerEngine(TestServices.dockerSettings("unix:///nonexistent/hoist-test.sock"))))) {
            RegistryTarget target = new RegistryTarget(registry.address(), "hoist-it/killed", "1", Optional.empty(), false);
            ImageSource source = ImageSource.dockerArchive(archive);
            CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return transport.push(source, target, Optional.empty());
                } catch (RuntimeException failed) {
                    return failed;
                }
            });
            long before = registry.storedBytes();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (registry.storedBytes() - before < 60L * 1024 * 1024 && !first.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(first).as("the push is still running when the registry is killed").isNotDone();
            registry.kill();
            Object outcome = first.get(2, TimeUnit.MINUTES);
            registry.start();
            if (outcome instanceof RuntimeException failed) {
                // Cut mid-request (REGISTRY: retries spent, or an answer cut short) or refused (CONNECTION).
                assertThat(failed).isInstanceOfAny(RegistryException.class, RegistryConnectionException.class)
                        .satisfies(e -> assertThat(ErrorKind.of(e)).isIn(ErrorKind.REGISTRY, ErrorKind.CONNECTION))
                        .hasMessageContaining(registry.address());
            }

            PushResult second = transport.push(source, target, Optional.empty());

            assertThat(RegistryHttp.manifestDigest(registry.address(), "hoist-it/killed", "1")).isEqualTo(second.digest());
            assertThat(RegistryConsistency.check(registry.address(), "hoist-it/killed")).hasSize(5);
            System.out.println("killed mid-push: first push " + (outcome instanceof RuntimeException e
                    ? "failed: " + e.getMessage() : "succeeded") + "; second: " + second.durationMs() + " ms, "
                    + second.bytesUploaded() + " bytes sent");
        }
    }
}
