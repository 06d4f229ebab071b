package dev.hoist.flavor.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.spi.CredentialSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureCredentialSourcesTest {

    @Test
    void aServicePrincipalGoesToThisLoginServerOnly() {
        Map<String, CredentialSource> sources = new AzureFlavor().credentialSources("myregistry.azurecr.io",
                Map.of("AZURE_CLIENT_ID", "00000000-app", "AZURE_CLIENT_SECRET", "s3cret"));
        assertThat(sources).containsOnlyKeys("azure-service-principal");
        CredentialSource source = sources.get("azure-service-principal");
        assertThat(source.lookup("myregistry.azurecr.io").orElseThrow().username()).isEqualTo("00000000-app");
        assertThat(source.lookup("other.azurecr.io")).isEmpty();
    }
}
