package dev.hoist.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The message names the registry-API settings where the host keeps them. */
class ManifestRejectedExceptionTest {

    @Test
    void theMessageNamesTheRegistryApiSettingsUnderTheRootGiven() {
        assertThat(new ManifestRejectedException("r.example", "application/vnd.oci.image.manifest.v1+json", "400",
                "mystack.components.registry-api").getMessage())
                .contains("The engine transport (mystack.components.registry-api is then not used)");
        assertThat(new ManifestRejectedException("r.example", "application/vnd.oci.image.manifest.v1+json", "400")
                .getMessage()).isEqualTo("The registry r.example refused a manifest of media type"
                        + " application/vnd.oci.image.manifest.v1+json (400). The engine transport (hoist.registry-api is"
                        + " then not used), or an image in another format (Docker schema 2 instead of OCI, or the"
                        + " reverse), may work there.");
    }
}
