package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushCancelledException;
import dev.hoist.push.PushProgress;
import dev.hoist.push.PushResult;
import dev.hoist.testing.FaultProxy;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestArchives;
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
 * Copies between repositories of the real plain registry through the fault proxy: a copy whose uploads keep
 * failing ends in a typed error with no tag written, and a re-run completes with the source's digest; an
 * interrupted copy stops within seconds with {@link PushCancelledException} and writes no tag.
 */
class RegistryCopyIntegrationTest extends RegistryApiTestBase {

    @TempDir
    Path dir;

    @Override
    @org.junit.jupiter.api.BeforeEach
    void services() {
        TestServices.require();
    }

    /** A fresh image of three 2 MB layers (streamed, not monolithic) in {@code repository}. */
    private PushResult source(RegistryApiTransport transport, String repository) throws Exception {
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(2_000_000, 2_000_000, 2_000_000),
                "x:1", dir.resolve(TestImages.uniqueTag() + ".tar"), false);
        return transport.push(ImageSource.dockerArchive(archive), Registry.PLAIN.target(repository, "1"),
                Optional.empty());
    }

    private static ImageCopy.Outcome copy(RegistryApiTransport transport, RegistryTarget from, RegistryTarget to) {
        try (CopySource in = transport.copySource(from, Optional.empty());
             CopyDestination out = transport.copyDestination(to, Optional.empty(), "docker://" + from.image())) {
            return new ImageCopy(transport.uploads(), PushProgress.none()).copy(in, out, List.of());
        }
    }

    @Test
    void aCopyWhoseUploadsFailLeavesNoTagAndARerunCompletes() throws Exception {
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             FaultProxy proxy = new FaultProxy(TestServices.registry())) {
            String repository = "hoist-it/copy-src-" + TestImages.uniqueTag();
            PushResult pushed = source(transport, repository);
            // The source on the registry itself, the destination through the proxy: two hosts, so no mount.
            RegistryTarget from = Registry.PLAIN.target(repository, "1");
            String copyRepository = "hoist-it/copy-dst-" + TestImages.uniqueTag();
            RegistryTarget to = new RegistryTarget(proxy.address(), copyRepository, "1", Optional.empty(), false);
            // Every streamed upload is cut.
            proxy.rule("PATCH", ".*", new FaultProxy.ResetAfter(100_000), 1000);

            assertThatThrownBy(() -> copy(transport, from, to))
                    .satisfies(e -> assertThat(ErrorKind.of(e)).isIn(ErrorKind.REGISTRY, ErrorKind.CONNECTION));
            assertThat(proxy.requests("PATCH", copyRepository)).as("uploads were tried").isPositive();
            assertThat(proxy.requests("PUT", copyRepository + "/manifests/")).as("no manifest was put").isZero();

            proxy.clearRules();
            ImageCopy.Outcome copied = copy(transport, from, to);
            assertThat(copied.digest()).isEqualTo(pushed.digest());
            assertThat(RegistryHttp.manifestDigest(TestServices.registry(), copyRepository, "1"))
                    .isEqualTo(pushed.digest());
        }
    }

    @Test
    void anInterruptedCopyStopsAndWritesNoTag() throws Exception {
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             FaultProxy proxy = new FaultProxy(TestServices.registry())) {
            String repository = "hoist-it/copy-src-" + TestImages.uniqueTag();
            source(transport, repository);
            // The source on the registry itself, the destination through the proxy: two hosts, so no mount.
            RegistryTarget from = Registry.PLAIN.target(repository, "1");
            String copyRepository = "hoist-it/copy-int-" + TestImages.uniqueTag();
            RegistryTarget to = new RegistryTarget(proxy.address(), copyRepository, "1", Optional.empty(), false);
            proxy.rule("PATCH", ".*", new FaultProxy.Throttle(50_000), 1000);
            Thread[] runner = new Thread[1];
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            runner[0] = new Thread(() -> {
                try {
                    copy(transport, from, to);
                    outcome.complete(null);
                } catch (Throwable failed) {
                    outcome.complete(failed);
                }
            });
            runner[0].start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (proxy.requests("PATCH", ".*") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            runner[0].interrupt();
            Throwable failed = outcome.get(30, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
            assertThat(failed).isInstanceOf(PushCancelledException.class);
            assertThat(proxy.requests("PUT", copyRepository + "/manifests/")).isZero();
        }
    }
}
