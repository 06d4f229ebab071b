package dev.hoist.flavor.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.StackComponentType;
import org.junit.jupiter.api.Test;

class GitHubFlavorDiscoveryTest {

    @Test
    void serviceLoaderFindsExactlyThisFlavor() {
        // The test class path holds core and this flavor only, so this is the one provider.
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());

        assertThat(catalog.names()).containsExactly("github");
        DiscoveredFlavor<ContainerRegistryFlavor> github = catalog.require("github");
        // Discovery hands out a guarded proxy; the class behind it is the implementation.
        assertThat(github.implementation()).isEqualTo(GitHubFlavor.class);
        assertThat(github.flavor().name()).isEqualTo(GitHubFlavor.NAME);
        assertThat(github.flavor().type()).isEqualTo(StackComponentType.CONTAINER_REGISTRY);
        assertThat(github.origin().artifact()).startsWith("hoist-flavor-github");
    }

    @Test
    void referenceConfDeclaresTheRegistryDefaults() {
        assertThat(ConfigFactory.defaultReference(getClass().getClassLoader())
                .hasPath("hoist.flavors.github.registry-defaults")).isTrue();
    }
}
