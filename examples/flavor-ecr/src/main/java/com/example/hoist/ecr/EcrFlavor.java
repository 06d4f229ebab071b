package com.example.hoist.ecr;

import com.google.auto.service.AutoService;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.registry.RegistryContext;
import dev.hoist.spi.RegistrySettings;
import java.net.URI;
import java.time.Clock;

/**
 * The flavor for Amazon ECR private registries, {@code <account id>.dkr.ecr.<region>.amazonaws.com}:
 * an example of a flavor written outside Hoist, against hoist-core only.
 */
@AutoService(ContainerRegistryFlavor.class)
public final class EcrFlavor implements ContainerRegistryFlavor {

    /** The name config uses for this flavor. */
    public static final String NAME = "ecr";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Amazon ECR private registries: <account id>.dkr.ecr.<region>.amazonaws.com[.cn] (example third-party flavor)";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html");
    }

    @Override
    public String normalizeUri(String uri) {
        return EcrUris.normalize(uri);
    }

    @Override
    public ContainerRegistry create(RegistrySettings settings, RegistryContext context) {
        EcrRegistryHost registry = EcrUris.parse(settings.uri());
        EcrSettings ecr = EcrSettings.read(settings);
        EcrRepositories repositories = new EcrApiClient(ecr.apiEndpoint(registry), registry, ecr::credentials,
                ecr.apiTimeout(), Clock.systemUTC());
        return new EcrContainerRegistry(settings, context, registry, ecr.createRepository(), repositories);
    }
}
