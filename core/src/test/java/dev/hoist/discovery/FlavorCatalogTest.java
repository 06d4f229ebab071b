package dev.hoist.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.discovery.fixtures.AlphaFlavor;
import dev.hoist.discovery.fixtures.BadNameFlavor;
import dev.hoist.discovery.fixtures.DupFlavorOne;
import dev.hoist.discovery.fixtures.DupFlavorTwo;
import dev.hoist.discovery.fixtures.ExplodingFlavor;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.FlavorJars;
import dev.hoist.testing.TestFlavor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlavorCatalogTest {

    private static final String FIXTURES = "dev.hoist.discovery.fixtures.";

    @TempDir
    Path dir;

    private Path jar(String name, Class<?>... flavors) throws Exception {
        String[] providers = java.util.Arrays.stream(flavors).map(Class::getName).toArray(String[]::new);
        return FlavorJars.jar(dir, name, ContainerRegistryFlavor.class, providers, flavors);
    }

    @Test
    void findsEachFlavorWithTheJarItCameFrom() throws Exception {
        Path alpha = jar("alpha-flavor.jar", AlphaFlavor.class);
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, FlavorJars.loader(FIXTURES, alpha));
        assertThat(catalog.names()).containsExactly("alpha");
        DiscoveredFlavor<ContainerRegistryFlavor> found = catalog.require("alpha");
        assertThat(found.implementation().getName()).isEqualTo(AlphaFlavor.class.getName());
        assertThat(found.flavor().name()).isEqualTo("alpha");
        assertThat(found.origin().location()).isEqualTo(alpha.toString());
        assertThat(found.origin().artifact()).isEqualTo("alpha-flavor.jar");
    }

    @Test
    void aDuplicateNameIsUsableByNeitherAndTheMessageNamesBothClassesAndJars() throws Exception {
        Path one = jar("one.jar", DupFlavorOne.class);
        Path two = jar("two.jar", DupFlavorTwo.class);
        Path alpha = jar("alpha.jar", AlphaFlavor.class);
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, FlavorJars.loader(FIXTURES, one, two, alpha));
        String expected = "Flavor 'dup' is provided 2 times: by " + DupFlavorOne.class.getName() + " from " + one
                + ", and by " + DupFlavorTwo.class.getName() + " from " + two
                + ". Neither is used; remove all but one of these jars.";
        assertThat(catalog.problems()).containsExactly(expected);
        assertThat(catalog.names()).containsExactly("alpha");
        assertThatThrownBy(() -> catalog.require("dup"))
                .isInstanceOf(FlavorDiscoveryException.class)
                .hasMessage("Flavor discovery for ContainerRegistryFlavor failed:\n  - " + expected);
    }

    @Test
    void aProviderThatIsNotThereIsAProblemNamingItsJar() throws Exception {
        Path broken = FlavorJars.jar(dir, "broken.jar", ContainerRegistryFlavor.class,
                new String[] {"com.example.MissingFlavor"});
        Path alpha = jar("alpha.jar", AlphaFlavor.class);
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, FlavorJars.loader(FIXTURES, broken, alpha));
        assertThat(catalog.problems()).singleElement().asString()
                .startsWith("A ContainerRegistryFlavor provider could not be loaded from " + broken + ": ")
                .contains("com.example.MissingFlavor")
                .endsWith("Fix or remove that jar; it needs a public no-argument constructor and the classes it uses.");
        assertThat(catalog.names()).containsExactly("alpha");
    }

    @Test
    void aProviderWhoseConstructorThrowsIsAProblemNamingItsJarAndTheCause() throws Exception {
        Path alpha = jar("alpha.jar", AlphaFlavor.class);
        Path exploding = jar("exploding.jar", ExplodingFlavor.class);
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, FlavorJars.loader(FIXTURES, alpha, exploding));
        assertThat(catalog.problems()).singleElement().asString()
                .contains("from " + exploding)
                .contains(ExplodingFlavor.class.getName())
                .contains("boom in constructor");
        assertThat(catalog.names()).containsExactly("alpha");
        assertThatThrownBy(() -> catalog.require("exploding"))
                .isInstanceOf(UnknownFlavorException.class)
                .hasMessageContaining("Available: alpha.")
                .hasMessageContaining("Some flavor jars could not be used:\n  - A ContainerRegistryFlavor provider could not be loaded from " + exploding);
    }

    @Test
    void aFlavorNameMustBeKebabCase() throws Exception {
        Path bad = jar("bad.jar", BadNameFlavor.class);
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, FlavorJars.loader(FIXTURES, bad));
        assertThat(catalog.problems()).singleElement().asString()
                .contains("has name 'Bad Name'").contains("kebab-case").contains(bad.toString());
        assertThat(catalog.all()).isEmpty();
    }

    @Test
    void anUnknownFlavorListsTheAvailableOnesAndTheArtifactToAdd() {
        FlavorCatalog<ContainerRegistryFlavor> catalog = FlavorCatalog.of(ContainerRegistryFlavor.class,
                new TestFlavor("beta"), new TestFlavor("alpha"));
        assertThatThrownBy(() -> catalog.require("azure"))
                .isInstanceOf(UnknownFlavorException.class)
                .hasMessage("Unknown container-registry flavor 'azure'. Available: alpha, beta. To use 'azure', put its jar"
                        + " in a plugins directory: --plugins DIR, or hoist.plugins.directory in the config. 'azure' is one"
                        + " of Hoist's own flavors, artifact dev.hoist:hoist-flavor-azure, which may also go on the class path.");
    }

    @Test
    void anEmptyClassPathHasNoFlavors() {
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());
        assertThat(catalog.all()).isEmpty();
        assertThatThrownBy(() -> catalog.require("default")).hasMessageContaining("Available: none");
    }
}
