package dev.hoist.inject;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.docker.DockerEngine;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.TestFlavor;
import dev.hoist.testing.TestServices;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Closing what the injector opened leaves no thread of the Docker client behind. */
class HoistLifecycleTest {

    private static final ClassLoader LOADER = HoistLifecycleTest.class.getClassLoader();

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /** Threads started since {@code before} that are still alive after a grace period for them to end. */
    private static Set<String> leftSince(Set<Thread> before) throws InterruptedException {
        Set<String> left = Set.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            left = liveThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName).collect(Collectors.toSet());
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return left;
    }

    @Test
    void closeReleasesTheDockerClientAndLeavesNoThread() throws Exception {
        TestServices.require();
        Config config = ConfigFactory.parseString("hoist.registries.local { flavor = test, uri = \""
                + TestServices.registry() + "\" }\nhoist.docker.host = \"" + TestServices.dockerHost() + "\"");
        Set<Thread> before = liveThreads();
        Injector injector = Guice.createInjector(Stage.PRODUCTION,
                TestFlavor.module(config, LOADER, new TestFlavor()));
        DockerEngine engine = injector.getInstance(DockerEngine.class);
        for (int i = 0; i < 3; i++) {
            assertThat(engine.isReachable()).isTrue(); // Opens the client and its connection pool.
        }
        HoistLifecycle lifecycle = injector.getInstance(HoistLifecycle.class);
        lifecycle.close();
        lifecycle.close(); // A second close is harmless.
        assertThat(leftSince(before)).isEmpty();
        assertThat(engine.isReachable()).as("a closed engine answers nothing").isFalse();
    }
}
