package dev.hoist.flavor.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.StackComponentType;
import org.junit.jupiter.api.Test;

class GcpFlavorDiscoveryTest {

    @Test
    void serviceLoaderFindsExactlyThisFlavor() {
        // The test class path holds core and this flavor only, so this is the one provider.
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());

        assertThat(catalog.names()).containsExactly("gcp");
        DiscoveredFlavor<ContainerRegistryFlavor> gcp = catalog.require("gcp");
        // Discovery hands out a guarded proxy; the class behind it is the implementation.
        assertThat(gcp.implementation()).isEqualTo(GcpFlavor.class);
        assertThat(gcp.flavor().name()).isEqualTo(GcpFlavor.NAME);
        assertThat(gcp.flavor().type()).isEqualTo(StackComponentType.CONTAINER_REGISTRY);
        assertThat(gcp.origin().artifact()).startsWith("hoist-flavor-gcp");
    }

    @Test
    void referenceConfDeclaresTheRegistryDefaults() {
        assertThat(ConfigFactory.defaultReference(getClass().getClassLoader())
                .hasPath("hoist.flavors.gcp.registry-defaults")).isTrue();
    }
}
