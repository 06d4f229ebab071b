package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.distribution.Manifests;
import dev.hoist.distribution.RegistryHost;
import dev.hoist.push.PushCancelledException;
import dev.hoist.testing.FaultProxy;
import dev.hoist.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read ({@code hoist digest}, {@code tags}, …) against a registry that never answers stops within seconds of an
 * interrupt of its thread, with {@link PushCancelledException}: the transport's watchdog cuts its requests too.
 */
class ReadInterruptIntegrationTest extends RegistryApiTestBase {

    @TempDir
    Path dir;

    @Override
    @org.junit.jupiter.api.BeforeEach
    void services() {
        TestServices.requireRegistry();
    }

    @Test
    void anInterruptedReadOfAStalledRegistryIsCancelledAtOnce() throws Exception {
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             FaultProxy proxy = new FaultProxy(TestServices.registry())) {
            proxy.rule("HEAD", "/manifests/", new FaultProxy.Stall(Duration.ofSeconds(60)), 10);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    transport.reading(RegistryHost.of(proxy.address()), Optional.empty(), "test",
                            http -> new Manifests(http).resolve("hoist-it/stalled", "1"));
                    outcome.complete(null);
                } catch (Throwable failed) {
                    outcome.complete(failed);
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (proxy.requests("HEAD", "/manifests/") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            reader.interrupt();
            Throwable failed = outcome.get(20, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
            assertThat(failed).isInstanceOf(PushCancelledException.class);
        }
    }
}
