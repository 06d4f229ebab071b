package dev.hoist.flavor.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.StackComponentType;
import org.junit.jupiter.api.Test;

class DefaultFlavorDiscoveryTest {

    @Test
    void serviceLoaderFindsExactlyThisFlavorFromThisModule() {
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());
        assertThat(catalog.names()).containsExactly("default");
        DiscoveredFlavor<ContainerRegistryFlavor> found = catalog.require("default");
        // Discovery hands out a guarded proxy; the class behind it is the implementation.
        assertThat(found.implementation()).isEqualTo(DefaultFlavor.class);
        assertThat(found.flavor().name()).isEqualTo(DefaultFlavor.NAME);
        assertThat(found.flavor().type()).isEqualTo(StackComponentType.CONTAINER_REGISTRY);
        assertThat(found.origin().artifact()).startsWith("hoist-flavor-default-").endsWith(".jar");
    }
}
