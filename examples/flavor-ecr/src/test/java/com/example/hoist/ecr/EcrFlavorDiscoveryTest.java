package com.example.hoist.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import org.junit.jupiter.api.Test;

/** Beyond the contract test: the artifact discovery reports, and every setting's default. */
class EcrFlavorDiscoveryTest {

    @Test
    void discoveryReportsTheArtifactFromTheFilteredProperties() {
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, getClass().getClassLoader());

        assertThat(catalog.require(EcrFlavor.NAME).origin().artifact()).isEqualTo("hoist-flavor-ecr-1.0.0.jar");
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
