package dev.hoist.flavor.azure;

import java.util.List;
import dev.hoist.spi.CredentialSource;
import dev.hoist.api.EnvironmentCredentials;
import dev.hoist.api.RegistryUri;
import java.util.Map;
import com.google.auto.service.AutoService;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.net.URI;

/** The flavor for Azure Container Registry: a login server {@code <name>.azurecr.io}, with an optional path. */
@AutoService(ContainerRegistryFlavor.class)
public final class AzureFlavor implements ContainerRegistryFlavor {

    /** The name config uses for this flavor. */
    public static final String NAME = "azure";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Azure Container Registry: <name>.azurecr.io, or .azurecr.cn / .azurecr.us in the sovereign clouds";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://learn.microsoft.com/azure/container-registry/");
    }

    @Override
    public String normalizeUri(String uri) {
        return AzureUris.RULES.normalize(uri);
    }


    /** The login servers of Azure's public cloud and of its sovereign clouds (China, US Government). */
    @Override
    public List<String> hosts() {
        return List.of("*.azurecr.io", "*.azurecr.cn", "*.azurecr.us");
    }

    /** A service principal, {@code AZURE_CLIENT_ID} with {@code AZURE_CLIENT_SECRET}, for this registry's login server only. */
    @Override
    public Map<String, CredentialSource> credentialSources(String host, Map<String, String> environment) {
        return Map.of("azure-service-principal", EnvironmentCredentials.userAndSecret(environment, "AZURE_CLIENT_ID",
                "AZURE_CLIENT_SECRET", host::equalsIgnoreCase));
    }
}
