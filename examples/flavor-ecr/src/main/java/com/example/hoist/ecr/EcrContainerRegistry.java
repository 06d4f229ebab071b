package com.example.hoist.ecr;

import dev.hoist.registry.ContainerRegistry;
import dev.hoist.registry.RegistryContext;
import dev.hoist.spi.RegistrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private ECR registry. ECR refuses a push to a repository that does not exist, but only
 * after the layers are uploaded, with an error that does not say so; this registry checks first,
 * and either stops with the command that creates the repository or, if told to, creates it.
 */
public final class EcrContainerRegistry extends ContainerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(EcrContainerRegistry.class);

    private final EcrRegistryHost registry;
    private final boolean createRepository;
    private final EcrRepositories repositories;

    EcrContainerRegistry(RegistrySettings settings, RegistryContext context, EcrRegistryHost registry,
                         boolean createRepository, EcrRepositories repositories) {
        super(settings, context);
        this.registry = registry;
        this.createRepository = createRepository;
        this.repositories = repositories;
    }

    @Override
    protected void prepareImagePush(String image) {
        String repository = repositoryOf(image);
        if (repositories.exists(repository)) {
            LOG.debug("ECR repository '{}' exists in {}", repository, uri());
            return;
        }
        if (!createRepository) {
            throw new EcrRepositoryMissingException("ECR repository '" + repository + "' does not exist in registry '"
                    + name() + "' (" + uri() + "), so '" + image + "' cannot be pushed. Create it with `aws ecr"
                    + " create-repository --repository-name " + repository + " --region " + registry.region()
                    + " --registry-id " + registry.accountId() + "`, or set " + EcrSettings.CREATE_REPOSITORY
                    + " = true on registry '" + name() + "' in the Hoist config to let Hoist create it.", repository);
        }
        repositories.create(repository);
        LOG.info("Created ECR repository '{}' in {} for registry '{}' ({} = true)", repository, uri(), name(),
                EcrSettings.CREATE_REPOSITORY);
    }

    /** The repository below the registry host; pushImage has already checked that the image is under it. */
    /**
     * The ECR repository: everything after the registry host, which is all of the URI. Never empty:
     * the host alone reads as a Docker Hub name, which core's ownership check has already refused.
     */
    private String repositoryOf(String image) {
        return String.join("/", componentsBelowUri(image));
    }
}
