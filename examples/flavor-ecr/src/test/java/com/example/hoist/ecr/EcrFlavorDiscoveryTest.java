package com.example.hoist.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.StackComponentType;
import org.junit.jupiter.api.Test;

class EcrFlavorDiscoveryTest {

    @Test
    void serviceLoaderFindsExactlyThisFlavor() {
        // The test class path holds hoist-core and this flavor only, so this is the one provider.
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.names()).containsExactly("ecr");
        DiscoveredFlavor<ContainerRegistryFlavor> ecr = catalog.require("ecr");
        // Discovery hands out a guarded proxy; the class behind it is the implementation.
        assertThat(ecr.implementation()).isEqualTo(EcrFlavor.class);
        assertThat(ecr.flavor().name()).isEqualTo(EcrFlavor.NAME);
        assertThat(ecr.flavor().type()).isEqualTo(StackComponentType.CONTAINER_REGISTRY);
        assertThat(ecr.origin().artifact()).isEqualTo("hoist-flavor-ecr-1.0.0.jar");
    }

    @Test
    void referenceConfDeclaresEveryRegistrySetting() {
        var defaults = ConfigFactory.defaultReference(getClass().getClassLoader()).getConfig("hoist.flavors.ecr.registry-defaults");

        assertThat(defaults.getBoolean(EcrSettings.CREATE_REPOSITORY)).isFalse();
        assertThat(defaults.getString(EcrSettings.API_ENDPOINT)).isEmpty();
        assertThat(defaults.getDuration(EcrSettings.API_TIMEOUT)).isPositive();
        assertThat(defaults.hasPath(EcrSettings.ACCESS_KEY_ID)).isTrue();
        assertThat(defaults.hasPath(EcrSettings.SECRET_ACCESS_KEY)).isTrue();
        assertThat(defaults.hasPath(EcrSettings.SESSION_TOKEN)).isTrue();
    }
}
