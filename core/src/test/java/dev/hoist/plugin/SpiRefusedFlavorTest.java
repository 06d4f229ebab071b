package dev.hoist.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.config.HoistConfigException;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.JavaJars;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24, item 17: a jar refused for its SPI version is named as such when config asks for its
 * flavor (not as an unknown flavor to put in a plugins directory, where it already is), and a jar
 * built for a newer minor gets advice that is not circular.
 */
class SpiRefusedFlavorTest {

    private static final ClassLoader CORE = SpiRefusedFlavorTest.class.getClassLoader();
    private static final SpiVersion CURRENT = SpiVersion.current();
    private static final String NEWER = CURRENT.major() + "." + (CURRENT.minor() + 1);

    @TempDir
    Path plugins;

    private Path futureJar() throws Exception {
        return new JavaJars().source("com.future.Flavor", PluginDirectoryTest.flavorSource("com.future", "future", "\"x\"",
                "return java.util.Optional.empty();")).flavors("com.future.Flavor").spiVersion(NEWER)
                .writeTo(plugins.resolve("future.jar"));
    }

    @Test
    void aFlavorBuiltForANewerMinorIsToldToUseANewerHoistOrRebuildAgainstThisOne() throws Exception {
        Path jar = futureJar();
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            assertThat(FlavorCatalog.discover(ContainerRegistryFlavor.class, CORE, directory).problems()).containsExactly(
                    "Flavor class com.future.Flavor in " + jar + " was built against Hoist SPI " + NEWER
                            + ", but this Hoist provides SPI " + CURRENT + ", which cannot run it. Use a Hoist release"
                            + " that provides SPI " + NEWER + " or newer (hoist --version shows it), or rebuild the flavor"
                            + " against this Hoist's hoist-core, which provides SPI " + CURRENT + ".");
        }
    }

    @Test
    void aRegistryOfARefusedFlavorIsToldWhyNotToInstallIt() throws Exception {
        Path jar = futureJar();
        Config config = ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n"
                + "hoist.registries.local { flavor = future, uri = \"localhost:5000\" }");
        assertThatThrownBy(() -> Hoist.builder().config(config).classLoader(CORE).build())
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registries.local.flavor (String: 3): Flavor class com.future.Flavor in " + jar
                        + " was built against Hoist SPI " + NEWER)
                .hasMessageNotContaining("Unknown flavor")
                .hasMessageNotContaining("put its jar in a plugins directory");
    }
}
