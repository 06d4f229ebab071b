package dev.hoist.flavor.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.StackComponentType;
import org.junit.jupiter.api.Test;

class AzureFlavorDiscoveryTest {

    @Test
    void serviceLoaderFindsExactlyThisFlavor() {
        // The test class path holds core and this flavor only, so this is the one provider.
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());

        assertThat(catalog.names()).containsExactly("azure");
        DiscoveredFlavor<ContainerRegistryFlavor> azure = catalog.require("azure");
        // Discovery hands out a guarded proxy; the class behind it is the implementation.
        assertThat(azure.implementation()).isEqualTo(AzureFlavor.class);
        assertThat(azure.flavor().name()).isEqualTo(AzureFlavor.NAME);
        assertThat(azure.flavor().type()).isEqualTo(StackComponentType.CONTAINER_REGISTRY);
        assertThat(azure.origin().artifact()).startsWith("hoist-flavor-azure");
    }

    @Test
    void referenceConfDeclaresTheRegistryDefaults() {
        assertThat(ConfigFactory.defaultReference(getClass().getClassLoader())
                .hasPath("hoist.flavors.azure.registry-defaults")).isTrue();
    }
}
