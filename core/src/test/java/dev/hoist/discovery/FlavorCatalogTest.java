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
        assertThat(found.flavor().getClass().getName()).isEqualTo(AlphaFlavor.class.getName());
        assertThat(found.origin().location()).isEqualTo(alpha.toString());
        assertThat(found.origin().artifact()).isEqualTo("alpha-flavor.jar");
    }

    @Test
    void aDuplicateNameFailsNamingBothClassesAndBothJars() throws Exception {
        Path one = jar("one.jar", DupFlavorOne.class);
        Path two = jar("two.jar", DupFlavorTwo.class);
        assertThatThrownBy(() -> FlavorCatalog.discover(ContainerRegistryFlavor.class, FlavorJars.loader(FIXTURES, one, two)))
                .isInstanceOf(FlavorDiscoveryException.class)
                .hasMessageContaining("Flavor 'dup' is provided twice")
                .hasMessageContaining(DupFlavorOne.class.getName() + " from " + one)
                .hasMessageContaining(DupFlavorTwo.class.getName() + " from " + two)
                .hasMessageContaining("Remove one of the two jars");
    }

    @Test
    void aProviderThatIsNotThereFailsNamingItsJar() throws Exception {
        Path broken = FlavorJars.jar(dir, "broken.jar", ContainerRegistryFlavor.class,
                new String[] {"com.example.MissingFlavor"});
        assertThatThrownBy(() -> FlavorCatalog.discover(ContainerRegistryFlavor.class, FlavorJars.loader(FIXTURES, broken)))
                .isInstanceOf(FlavorDiscoveryException.class)
                .hasMessageContaining("could not be loaded from " + broken)
                .hasMessageContaining("com.example.MissingFlavor");
    }

    @Test
    void aProviderWhoseConstructorThrowsFailsNamingItsJarAndTheCause() throws Exception {
        Path alpha = jar("alpha.jar", AlphaFlavor.class);
        Path exploding = jar("exploding.jar", ExplodingFlavor.class);
        assertThatThrownBy(() -> FlavorCatalog.discover(ContainerRegistryFlavor.class,
                        FlavorJars.loader(FIXTURES, alpha, exploding)))
                .isInstanceOf(FlavorDiscoveryException.class)
                .hasMessageContaining("from " + exploding)
                .hasMessageContaining(ExplodingFlavor.class.getName())
                .hasMessageContaining("boom in constructor");
    }

    @Test
    void aFlavorNameMustBeKebabCase() throws Exception {
        Path bad = jar("bad.jar", BadNameFlavor.class);
        assertThatThrownBy(() -> FlavorCatalog.discover(ContainerRegistryFlavor.class, FlavorJars.loader(FIXTURES, bad)))
                .isInstanceOf(FlavorDiscoveryException.class)
                .hasMessageContaining("has name 'Bad Name'")
                .hasMessageContaining("kebab-case");
    }

    @Test
    void anUnknownFlavorListsTheAvailableOnesAndTheArtifactToAdd() {
        FlavorCatalog<ContainerRegistryFlavor> catalog = FlavorCatalog.of(ContainerRegistryFlavor.class,
                new TestFlavor("beta"), new TestFlavor("alpha"));
        assertThatThrownBy(() -> catalog.require("azure"))
                .isInstanceOf(UnknownFlavorException.class)
                .hasMessage("Unknown container-registry flavor 'azure'. Available: alpha, beta. To use 'azure', put its jar"
                        + " on the class path (artifact dev.hoist:hoist-flavor-azure, or a third-party flavor jar).");
    }

    @Test
    void anEmptyClassPathHasNoFlavors() {
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());
        assertThat(catalog.all()).isEmpty();
        assertThatThrownBy(() -> catalog.require("default")).hasMessageContaining("Available: none");
    }
}
