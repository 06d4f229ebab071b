package dev.hoist.flavor.gcp;

import java.util.List;
import java.util.Optional;

import dev.hoist.spi.PushHook;

import dev.hoist.spi.ComponentSettings;

import dev.hoist.spi.ComponentContext;

import dev.hoist.spi.CredentialSource;
import dev.hoist.api.EnvironmentCredentials;
import dev.hoist.api.RegistryUri;
import java.util.Map;
import java.util.LinkedHashMap;
import com.google.auto.service.AutoService;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.net.URI;

/**
 * The flavor for Google Cloud's registries: Artifact Registry, {@code <location>-docker.pkg.dev/<project>/<repository>},
 * and the older Container Registry, {@code gcr.io/<project>}.
 */
@AutoService(ContainerRegistryFlavor.class)
public final class GcpFlavor implements ContainerRegistryFlavor {

    /** The name config uses for this flavor. */
    public static final String NAME = "gcp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Google Artifact Registry (<location>-docker.pkg.dev/<project>/<repository>) and Container Registry (gcr.io/<project>)";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://cloud.google.com/artifact-registry/docs/docker");
    }

    @Override
    public String normalizeUri(String uri) {
        return GcpUris.RULES.normalize(uri);
    }


    /**
     * An OAuth access token ({@code GOOGLE_OAUTH_ACCESS_TOKEN}, user {@code oauth2accesstoken}), then a
     * service account key file ({@code GOOGLE_APPLICATION_CREDENTIALS}, user {@code _json_key}), for
     * this registry's Google host only.
     */
    /**
     * Container Registry ({@code gcr.io} and its regional hosts) and Artifact Registry ({@code <location>-docker.pkg.dev}).
     * A regional host the URI rules do not know is claimed too, and refused with their message.
     */
    @Override
    public List<String> hosts() {
        return List.of("gcr.io", "*.gcr.io", "*-docker.pkg.dev");
    }

    @Override
    public Map<String, CredentialSource> credentialSources(String host, Map<String, String> environment) {
        Map<String, CredentialSource> sources = new LinkedHashMap<>();
        sources.put("gcp-access-token", EnvironmentCredentials.fixedUser(environment, "oauth2accesstoken",
                "GOOGLE_OAUTH_ACCESS_TOKEN", host::equalsIgnoreCase));
        sources.put("gcp-json-key", new GcpJsonKeyCredentials(environment, host));
        return sources;
    }

    /** {@link GcpPushRules}. */
    @Override
    public Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
        return Optional.of(new GcpPushRules());
    }
}
