package dev.hoist.flavor.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.StackComponentType;
import org.junit.jupiter.api.Test;

class DockerHubFlavorDiscoveryTest {

    @Test
    void serviceLoaderFindsExactlyThisFlavor() {
        // The test class path holds core and this flavor only, so this is the one provider.
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());

        assertThat(catalog.names()).containsExactly("dockerhub");
        DiscoveredFlavor<ContainerRegistryFlavor> dockerhub = catalog.require("dockerhub");
        // Discovery hands out a guarded proxy; the class behind it is the implementation.
        assertThat(dockerhub.implementation()).isEqualTo(DockerHubFlavor.class);
        assertThat(dockerhub.flavor().name()).isEqualTo(DockerHubFlavor.NAME);
        assertThat(dockerhub.flavor().type()).isEqualTo(StackComponentType.CONTAINER_REGISTRY);
        assertThat(dockerhub.origin().artifact()).startsWith("hoist-flavor-dockerhub");
    }

    @Test
    void referenceConfDeclaresTheRegistryDefaults() {
        assertThat(ConfigFactory.defaultReference(getClass().getClassLoader())
                .hasPath("hoist.flavors.dockerhub.registry-defaults")).isTrue();
    }
}
