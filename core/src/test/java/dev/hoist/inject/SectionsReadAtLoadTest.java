package dev.hoist.inject;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.auth.Environment;
import dev.hoist.config.HoistSettings;
import dev.hoist.testing.TestFlavor;
import dev.hoist.transport.registry.RegistryApiSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry-API settings are read once, at load, under the host's root and with the host's environment, and kept
 * for the transport.
 */
class SectionsReadAtLoadTest {

    private static final ClassLoader LOADER = SectionsReadAtLoadTest.class.getClassLoader();
    private static final String ROOT = "host.hoist";
    // No daemon is needed: if wiring touched it, injector creation would fail.
    private static final Config CONFIG = ConfigFactory.parseString("""
            host.hoist {
              registries.local { flavor = test, uri = "localhost:5000" }
              docker.host = "unix:///nonexistent/hoist-test.sock"
              registry-api.parallelism = 2
            }
            """);
    private static final Environment HOST = new Environment(Map.of("XDG_CACHE_HOME", "/host/cache"), Path.of("/home/host"));

    private static Injector injector(Config config) {
        return Guice.createInjector(Stage.PRODUCTION,
                Hoist.builder().config(config).root(ROOT).environment(HOST).classLoader(LOADER).module(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        HoistBinders.registryFlavors(binder()).addBinding("test").toInstance(new TestFlavor());
                    }
                });
    }

    @Test
    void theSettingsReadAtLoadAreKeptWithTheHostsRootAndEnvironment() {
        Injector injector = injector(CONFIG);
        RegistryApiSettings settings = injector.getInstance(HoistSettings.class)
                .section(RegistryApiSettings.SECTION, RegistryApiSettings.class);

        assertThat(settings.parallelism()).isEqualTo(2);
        assertThat(settings.path()).isEqualTo("host.hoist.registry-api");
        assertThat(settings.pathOf("connect-timeout")).isEqualTo("host.hoist.registry-api.connect-timeout");
        // The cache default follows the Environment the host gave, not this process's XDG_CACHE_HOME or HOME.
        assertThat(settings.resolvedBlobCacheDirectory()).isEqualTo(Path.of("/host/cache/hoist"));
        injector.getInstance(HoistLifecycle.class).close();
    }

    @Test
    void aWrongValueIsRefusedAtLoadAtItsPathUnderTheHostsRoot() {
        Config bad = ConfigFactory.parseString("host.hoist.registry-api.retry-attempts = 0").withFallback(CONFIG);

        CreationException failed = org.assertj.core.api.Assertions.catchThrowableOfType(() -> injector(bad),
                CreationException.class);
        assertThat(((dev.hoist.config.HoistConfigException) StartupFailure.unwrap(failed)).problems())
                .extracting(dev.hoist.config.ConfigProblem::path).containsExactly("host.hoist.registry-api.retry-attempts");
    }
}
