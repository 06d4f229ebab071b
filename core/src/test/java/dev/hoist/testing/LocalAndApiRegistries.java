package dev.hoist.testing;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.component.ContainerRegistries;
import dev.hoist.docker.DockerEngine;
import dev.hoist.inject.HoistLifecycle;
import dev.hoist.registry.ContainerRegistry;
import java.nio.file.Path;

/**
 * Hoist's injector over the real engine and the plain test registry, with two registries of the test flavor:
 * {@code local} ({@code <registry>/hoist-it}, the engine transport) and {@code api} ({@code <registry>/hoist-api},
 * the registry-API transport). Closing it closes what the injector built.
 */
public final class LocalAndApiRegistries implements AutoCloseable {

    private final Injector injector;

    /**
     * @param cache the registry-API transport's blob-info cache directory
     * @throws org.opentest4j.TestAbortedException or an assertion error (with HOIST_REQUIRE_SERVICES=1) when the
     *         services are not running
     */
    public LocalAndApiRegistries(Path cache) {
        TestServices.require();
        Config config = ConfigFactory.parseString("hoist.docker.host = \"" + TestServices.dockerHost() + "\"\n"
                + "hoist.registry-api.blob-cache-directory = \"" + cache + "\"\n"
                + "hoist.registries.local { flavor = test, uri = \"" + TestServices.registry() + "/hoist-it\" }\n"
                + "hoist.registries.api { flavor = test, uri = \"" + TestServices.registry() + "/hoist-api\", transport = registry-api }");
        injector = Guice.createInjector(Stage.PRODUCTION,
                TestFlavor.module(config, LocalAndApiRegistries.class.getClassLoader(), new TestFlavor()));
    }

    /** The registry {@code local} or {@code api}. */
    public ContainerRegistry registry(String name) {
        return injector.getInstance(ContainerRegistries.class).get(name);
    }

    /** The engine the injector built. */
    public DockerEngine engine() {
        return injector.getInstance(DockerEngine.class);
    }

    @Override
    public void close() {
        injector.getInstance(HoistLifecycle.class).close();
    }
}
