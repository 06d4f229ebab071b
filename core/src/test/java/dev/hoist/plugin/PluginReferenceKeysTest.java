package dev.hoist.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.HoistConfigException;
import dev.hoist.testing.JavaJars;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #17: a plugin flavor's keys are those its jar's reference.conf declares; no code of its own takes part. */
class PluginReferenceKeysTest {

    private static final ClassLoader CORE = PluginReferenceKeysTest.class.getClassLoader();

    @TempDir
    Path plugins;

    private Config config(String registries) throws Exception {
        new JavaJars().source("com.zone.Flavor", PluginDirectoryTest.flavorSource("com.zone", "zone", "\"A plugin flavor\"",
                        "return java.util.Optional.empty();"))
                .flavors("com.zone.Flavor")
                .resource("reference.conf", """
                        hoist.flavors.zone {
                          # Flavor-wide: how the plugin names its zone.
                          zone-label = "z"
                          registry-defaults {
                            # The zone each registry of this flavor lives in.
                            region = "eu"
                          }
                        }
                        """)
                .writeTo(plugins.resolve("zone.jar"));
        return ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n"
                + "hoist.registries.local { flavor = zone, uri = \"localhost:5000\" }\n" + registries);
    }

    @Test
    void aPluginFlavorsDeclaredKeysAreAcceptedWhereverTheyApply() throws Exception {
        Config config = config("""
                hoist.registries.local.region = us
                hoist.flavors.zone { zone-label = y, registry-defaults.region = ap }
                hoist.registry-defaults.region = sa
                """);
        try (Hoist hoist = Hoist.builder().config(config).classLoader(CORE).build()) {
            assertThat(hoist.registry("local").flavor()).isEqualTo("zone");
        }
    }

    @Test
    void aTypoOfAPluginFlavorsKeyIsRefusedWithTheNearKey() throws Exception {
        Config config = config("""
                hoist.registries.local.regoin = us
                hoist.flavors.zone.zone-lable = y
                hoist.flavors.zone.registry-defaults.reigon = ap
                """);
        HoistConfigException error = (HoistConfigException) catchThrowable(() -> Hoist.builder().config(config).classLoader(CORE).build());
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "hoist.registries.local.regoin (String: 4): Unknown setting 'regoin'; Hoist does not read it. Did you mean 'region'?",
                "hoist.flavors.zone.zone-lable (String: 5): Unknown setting 'zone-lable'; Hoist does not read it. Did you mean 'zone-label'?",
                "hoist.flavors.zone.registry-defaults.reigon (String: 6): Unknown setting 'reigon'; Hoist does not read it."
                        + " Did you mean 'region'?");
    }
}
