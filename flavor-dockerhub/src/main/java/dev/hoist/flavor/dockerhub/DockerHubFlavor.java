package dev.hoist.flavor.dockerhub;

import java.util.List;
import dev.hoist.api.RegistryNames;

import java.util.Optional;

import dev.hoist.spi.PushHook;

import dev.hoist.spi.ComponentSettings;

import dev.hoist.spi.ComponentContext;

import dev.hoist.spi.CredentialSource;
import dev.hoist.api.EnvironmentCredentials;
import dev.hoist.api.RegistryUri;
import java.util.Map;
import com.google.auto.service.AutoService;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.net.URI;

/** The flavor for Docker Hub: one namespace, a Docker ID or an organization, as {@code docker.io/<namespace>}. */
@AutoService(ContainerRegistryFlavor.class)
public final class DockerHubFlavor implements ContainerRegistryFlavor {

    /** The name config uses for this flavor. */
    public static final String NAME = "dockerhub";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Docker Hub: one namespace, docker.io/<namespace>, with repositories <namespace>/<repository>";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://docs.docker.com/docker-hub/");
    }

    @Override
    public String normalizeUri(String uri) {
        return DockerHubUris.RULES.normalize(uri);
    }


    /** {@code DOCKERHUB_USERNAME} with {@code DOCKERHUB_TOKEN}, for docker.io only. */
    /**
     * Docker Hub, {@code docker.io}. Its other names ({@code index.docker.io}, {@code registry-1.docker.io},
     * {@code registry.hub.docker.com}) are folded to {@code docker.io} before claims are matched.
     */
    @Override
    public List<String> hosts() {
        return List.of(DockerHubUris.HOST);
    }

    @Override
    public Map<String, CredentialSource> credentialSources(String host, Map<String, String> environment) {
        return Map.of("dockerhub-token", EnvironmentCredentials.userAndSecret(environment, "DOCKERHUB_USERNAME",
                "DOCKERHUB_TOKEN", RegistryNames::isDockerHub));
    }

    /** {@link DockerHubPushRules}. */
    @Override
    public Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
        return Optional.of(new DockerHubPushRules());
    }
}
