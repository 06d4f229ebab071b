package dev.hoist.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.config.HoistConfigException;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.inject.HoistModule;
import dev.hoist.testing.ModuleFailureJars;
import dev.hoist.testing.ModuleFailureJars.Failure;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24, item 15: a plugin whose Guice module fails while it is set up (its {@code configure()}
 * throws, or hits a class its jar lacks) is one problem naming the flavor, its class and its jar, and
 * the other flavors keep working.
 */
class FailingModulePluginTest {

    private static final ClassLoader CORE = FailingModulePluginTest.class.getClassLoader();

    @TempDir
    Path plugins;

    private Config config(String registries) {
        return ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n" + registries);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void theOtherFlavorsKeepWorkingAndTheProblemNamesTheFlavorItsClassAndJar(Failure failure) throws Exception {
        Path bad = ModuleFailureJars.bad(plugins.resolve("bad.jar"), failure);
        ModuleFailureJars.good(plugins.resolve("good.jar"));
        Config config = config("hoist.registries.local { flavor = good, uri = \"localhost:5000\" }");
        try (HoistModule module = Hoist.builder().config(config).classLoader(CORE).module()) {
            assertThat(module.registryFlavors().names()).containsExactly("good");
            assertThat(module.registryFlavors().problems()).singleElement().asString()
                    .startsWith("Flavor 'bad' (com.bad.Flavor from " + bad + ") failed in configure() of its module"
                            + " com.bad.BadModule: " + (failure == Failure.THROWS
                            ? "java.lang.IllegalStateException: no bindings today" : "java.lang.NoClassDefFoundError: com/bad/Missing"))
                    .endsWith(". Fix the flavor or remove its jar.")
                    .doesNotContain("\n");
        }
        try (Hoist hoist = Hoist.builder().config(config).classLoader(CORE).build()) {
            assertThat(hoist.flavors()).extracting(DiscoveredFlavor::name).containsExactly("good");
            assertThat(hoist.registry("local").uri()).isEqualTo("localhost:5000"); // its hook got the module's service
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aRegistryOfThatFlavorIsAConfigProblemNamingTheFailure(Failure failure) throws Exception {
        Path bad = ModuleFailureJars.bad(plugins.resolve("bad.jar"), failure);
        Config config = config("hoist.registries.local { flavor = bad, uri = \"localhost:5000\" }");
        assertThatThrownBy(() -> Hoist.builder().config(config).classLoader(CORE).build())
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registries.local.flavor (String: 3): Flavor 'bad' (com.bad.Flavor from " + bad
                        + ") failed in configure() of its module com.bad.BadModule: ");
    }
}
