package dev.hoist.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import dev.hoist.component.ComponentConfig;
import dev.hoist.component.ComponentType;
import dev.hoist.config.ConfigProblem;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.TestFlavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15 item 14: a flavor no jar provides. The message suggests a plugins directory first
 * ({@code --plugins DIR} only under Hoist's own root, and {@code <root>.plugins.directory}), and
 * names a {@code dev.hoist} artifact only for the names of Hoist's own flavors.
 */
class UnknownFlavorMessageTest {

    private static final String PLUGINS = "To use '%1$s', put its jar in a plugins directory: %2$s.";
    private static final String BUILT_IN = " '%1$s' is one of Hoist's own flavors, artifact dev.hoist:hoist-flavor-%1$s,"
            + " which may also go on the class path.";

    private static String expectedHint(String flavor, String root, boolean builtIn) {
        String where = root.equals("hoist") ? "--plugins DIR, or hoist.plugins.directory in the config"
                : root + ".plugins.directory in the config";
        return String.format(PLUGINS, flavor, where) + (builtIn ? String.format(BUILT_IN, flavor) : "");
    }

    @ParameterizedTest(name = "[{index}] {0} under {1}: built-in={2}")
    @CsvSource(textBlock = """
            default,         hoist,              true
            azure,           hoist,              true
            gcp,             hoist,              true
            dockerhub,       hoist,              true
            github,          hoist,              true
            gitlab,          hoist,              true
            ecr,             hoist,              false
            azur,            hoist,              false
            hoist-flavor-gcp, hoist,             false
            gcp-extra,       hoist,              false
            ecr,             mystack.components, false
            gcp,             mystack.components, true
            """)
    void theCatalogSaysHowToAddTheFlavor(String flavor, String root, boolean builtIn) {
        FlavorCatalog<ContainerRegistryFlavor> catalog = FlavorCatalog.of(ContainerRegistryFlavor.class, new TestFlavor("test"));
        UnknownFlavorException error = catchThrowableOfType(UnknownFlavorException.class, () -> catalog.require(flavor, root));
        assertThat(error.getMessage()).isEqualTo("Unknown container-registry flavor '" + flavor + "'. Available: test. "
                + expectedHint(flavor, root, builtIn));
        assertThat(error.getMessage().contains("dev.hoist:")).isEqualTo(builtIn);
        assertThat(error.getMessage()).doesNotContain("third-party").doesNotContain("put its jar on the class path");
    }

    @ParameterizedTest(name = "[{index}] {0} under {1}: built-in={2}")
    @CsvSource(textBlock = """
            gitlab, hoist,              true
            quay,   hoist,              false
            quay,   mystack.components, false
            azure,  mystack.components, true
            """)
    void aConfigEntryNamingAMissingFlavorSaysTheSame(String flavor, String root, boolean builtIn) {
        List<ConfigProblem> problems = new ArrayList<>();
        var tree = ConfigFactory.parseString("registries.x { flavor = \"" + flavor + "\", uri = \"localhost:5000\" }");
        ComponentConfig.read(tree, ConfigFactory.empty(), root, ComponentType.CONTAINER_REGISTRY, Map.of("test", ComponentType.CONTAINER_REGISTRY.adapt(new TestFlavor("test"))), Map.of(), problems);
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo(root + ".registries.x.flavor");
            assertThat(problem.message()).isEqualTo("Unknown flavor '" + flavor + "'. Available: test. "
                    + expectedHint(flavor, root, builtIn));
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            default, true
            gcp,     true
            ecr,     false
            """)
    void onlyBuiltInNamesHaveAnArtifact(String flavor, boolean builtIn) {
        assertThat(ComponentType.CONTAINER_REGISTRY.artifactOf(flavor).isPresent()).isEqualTo(builtIn);
        ComponentType.CONTAINER_REGISTRY.artifactOf(flavor)
                .ifPresent(artifact -> assertThat(artifact).isEqualTo("dev.hoist:hoist-flavor-" + flavor));
    }
}
