package com.example.hoist.ecr;

import dev.hoist.spi.PushHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECR's rule for pushes, as a push hook. ECR refuses a push to a repository that does not
 * exist, but only after the layers are uploaded, with an error that does not say so; this hook
 * checks first, and either stops with the command that creates the repository or, if told to,
 * creates it. Core runs it after its own ownership check and before any credential is looked
 * up or any byte moves.
 */
final class EcrPushRules implements PushHook {

    private static final Logger LOG = LoggerFactory.getLogger(EcrPushRules.class);

    private final EcrRegistryHost registry;
    private final boolean createRepository;
    private final EcrRepositories repositories;

    EcrPushRules(EcrRegistryHost registry, boolean createRepository, EcrRepositories repositories) {
        this.registry = registry;
        this.createRepository = createRepository;
        this.repositories = repositories;
    }

    /**
     * @throws EcrRepositoryMissingException if the repository does not exist and
     *         {@code create-repository} is false, naming the {@code aws ecr create-repository} command
     * @throws EcrApiException if ECR cannot be asked, or refuses
     * @throws AwsCredentialsMissingException if no AWS credentials are set for the API calls
     */
    @Override
    public void beforePush(Target target) {
        String repository = repositoryOf(target);
        if (repositories.exists(repository)) {
            LOG.debug("ECR repository '{}' exists in {}", repository, target.uri());
            return;
        }
        if (!createRepository) {
            throw new EcrRepositoryMissingException("ECR repository '" + repository + "' does not exist in registry '"
                    + target.registry() + "' (" + target.uri() + "), so '" + target.image() + "' cannot be pushed."
                    + " Create it with `aws ecr create-repository --repository-name " + repository + " --region "
                    + registry.region() + " --registry-id " + registry.accountId() + "`, or set "
                    + EcrSettings.CREATE_REPOSITORY + " = true on registry '" + target.registry()
                    + "' in the Hoist config to let Hoist create it.", repository);
        }
        repositories.create(repository);
        LOG.info("Created ECR repository '{}' in {} for registry '{}' ({} = true)", repository, target.uri(),
                target.registry(), EcrSettings.CREATE_REPOSITORY);
    }

    /**
     * The ECR repository: everything below the registry host, which is all of the URI. Never
     * empty: the host alone reads as a Docker Hub name, which core's ownership check has
     * already refused.
     */
    private static String repositoryOf(Target target) {
        return String.join("/", target.belowUri());
    }
}
