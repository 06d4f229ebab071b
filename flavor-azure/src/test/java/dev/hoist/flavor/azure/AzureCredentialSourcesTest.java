package dev.hoist.flavor.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.RegistrySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureCredentialSourcesTest {

    @Test
    void aServicePrincipalGoesToThisLoginServerOnly() {
        RegistrySettings settings = new RegistrySettings("acr", "azure", "myregistry.azurecr.io", ConfigFactory.empty());
        Map<String, CredentialSource> sources = new AzureFlavor().credentialSources(settings,
                Map.of("AZURE_CLIENT_ID", "00000000-app", "AZURE_CLIENT_SECRET", "s3cret"));
        assertThat(sources).containsOnlyKeys("azure-service-principal");
        CredentialSource source = sources.get("azure-service-principal");
        assertThat(source.lookup("myregistry.azurecr.io").orElseThrow().username()).isEqualTo("00000000-app");
        assertThat(source.lookup("other.azurecr.io")).isEmpty();
    }
}
