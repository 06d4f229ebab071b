package dev.hoist.flavor.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.StackComponentType;
import org.junit.jupiter.api.Test;

class GitLabFlavorDiscoveryTest {

    @Test
    void serviceLoaderFindsExactlyThisFlavor() {
        // The test class path holds core and this flavor only, so this is the one provider.
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());

        assertThat(catalog.names()).containsExactly("gitlab");
        DiscoveredFlavor<ContainerRegistryFlavor> gitlab = catalog.require("gitlab");
        // Discovery hands out a guarded proxy; the class behind it is the implementation.
        assertThat(gitlab.implementation()).isEqualTo(GitLabFlavor.class);
        assertThat(gitlab.flavor().name()).isEqualTo(GitLabFlavor.NAME);
        assertThat(gitlab.flavor().type()).isEqualTo(StackComponentType.CONTAINER_REGISTRY);
        assertThat(gitlab.origin().artifact()).startsWith("hoist-flavor-gitlab");
    }

    @Test
    void referenceConfDeclaresTheRegistryDefaults() {
        assertThat(ConfigFactory.defaultReference(getClass().getClassLoader())
                .hasPath("hoist.flavors.gitlab.registry-defaults")).isTrue();
    }
}
