package dev.hoist.transport.registry;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.distribution.Manifests;
import dev.hoist.distribution.RegistryHost;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushProgress;
import dev.hoist.push.PushResult;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.push.RegistryException;
import dev.hoist.testing.LocalRegistry;
import dev.hoist.testing.RegistryConsistency;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import dev.hoist.transport.copy.CopyDestination;
import dev.hoist.transport.copy.CopySource;
import dev.hoist.transport.copy.ImageCopy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies into a registry of the test's own ({@link LocalRegistry}, never a shared service): killed (SIGKILL) in the
 * middle of a copy and started again, the first copy ends in a typed error (or succeeds if the retries outlast the
 * restart) and a re-run completes with the source's digest; a registry without {@code storage.delete.enabled}
 * refuses a delete with {@code DELETE_UNSUPPORTED}.
 */
class RegistryKilledMidCopyIntegrationTest extends RegistryApiTestBase {

    @TempDir
    Path dir;

    @Override
    @org.junit.jupiter.api.BeforeEach
    void services() {
        TestServices.requireRegistry();
    }

    private static ImageCopy.Outcome copy(RegistryApiTransport transport, RegistryTarget from, RegistryTarget to) {
        try (CopySource in = transport.copySource(from, Optional.empty());
             CopyDestination out = transport.copyDestination(to, Optional.empty(), "docker://" + from.image())) {
            return new ImageCopy(transport.uploads(), PushProgress.none()).copy(in, out, List.of());
        }
    }

    @Test
    void aDestinationKilledMidCopyAndRestartedTakesTheRerunWhole() throws Exception {
        Path archive = LocalRegistry.bigArchive(dir.resolve("big.tar"), 4, 25L * 1024 * 1024, "big/app:1");
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             LocalRegistry registry = new LocalRegistry(dir.resolve("registry"))) {
            String repository = "hoist-it/killed-copy-src-" + TestImages.uniqueTag();
            PushResult pushed = transport.push(ImageSource.dockerArchive(archive),
                    Registry.PLAIN.target(repository, "1"), Optional.empty());
            RegistryTarget from = Registry.PLAIN.target(repository, "1");
            RegistryTarget to = new RegistryTarget(registry.address(), "hoist-it/killed-copy", "1", Optional.empty(),
                    false);
            CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return copy(transport, from, to);
                } catch (RuntimeException failed) {
                    return failed;
                }
            });
            long before = registry.storedBytes();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (registry.storedBytes() - before < 30L * 1024 * 1024 && !first.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            boolean killedMidway = !first.isDone();
            registry.kill();
            Object outcome = first.get(2, TimeUnit.MINUTES);
            registry.start();
            if (outcome instanceof RuntimeException failed) {
                assertThat(failed).isInstanceOfAny(RegistryException.class, RegistryConnectionException.class)
                        .satisfies(e -> assertThat(ErrorKind.of(e)).isIn(ErrorKind.REGISTRY, ErrorKind.CONNECTION));
            }
            ImageCopy.Outcome second = copy(transport, from, to);
            assertThat(second.digest()).isEqualTo(pushed.digest());
            assertThat(RegistryConsistency.check(registry.address(), "hoist-it/killed-copy")).hasSize(5);
            System.out.println("killed mid-copy (" + (killedMidway ? "mid-way" : "after it ended") + "): first "
                    + (outcome instanceof RuntimeException e ? "failed: " + e.getMessage() : "succeeded")
                    + "; re-run copied " + second.bytesCopied() + " bytes");
        }
    }

    @Test
    void aRegistryWithoutDeletesRefusesADeleteByName() throws Exception {
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             LocalRegistry registry = new LocalRegistry(dir.resolve("no-deletes"), false)) {
            String source = "hoist-it/no-delete-src-" + TestImages.uniqueTag();
            dev.hoist.testing.RegistryFixtures.pushImage(TestServices.registry(), source, "1", false, dir);
            RegistryTarget to = new RegistryTarget(registry.address(), "hoist-it/kept", "1", Optional.empty(), false);
            String digest = copy(transport, Registry.PLAIN.target(source, "1"), to).digest();
            try (RegistryHttp http = transport.http(RegistryHost.of(registry.address()), Optional.empty(), "test")) {
                assertThatThrownBy(() -> new Manifests(http).delete("hoist-it/kept", digest))
                        .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.DELETE_UNSUPPORTED))
                        .hasMessageContaining("storage.delete.enabled");
                assertThat(new Manifests(http).resolve("hoist-it/kept", "1").digest()).isEqualTo(digest);
            }
        }
    }
}
