package com.example.hoist.ecr;

import com.google.auto.service.AutoService;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.PushHook;
import dev.hoist.spi.SettingProblem;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The flavor for Amazon ECR private registries, {@code <account id>.dkr.ecr.<region>.amazonaws.com}:
 * an example of a flavor written outside Hoist, against hoist-core only.
 *
 * <p>It contributes three things to the registries core builds: its URI rules
 * ({@link #normalizeUri}), a load-time check of its own settings ({@link #check}), and a push
 * hook that makes sure the image's repository exists ({@link EcrPushRules}).
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

    /**
     * The settings of {@code hoist.flavors.ecr.registry-defaults}: {@code create-repository} is a
     * boolean, {@code api-timeout} a positive duration, {@code api-endpoint} empty or an http(s)
     * URL, the AWS keys strings. Missing AWS credentials are not a problem here: they are
     * reported when a push needs them.
     */
    @Override
    public List<SettingProblem> check(ComponentSettings settings) {
        return EcrSettings.check(settings.config());
    }

    /**
     * {@link EcrPushRules}, calling the region's ECR API (or {@code api-endpoint}).
     *
     * @throws dev.hoist.spi.HoistException naming the setting, if a setting is invalid (core
     *         has normally refused it at load time already)
     */
    @Override
    public Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
        EcrRegistryHost registry = EcrUris.parse(normalizeUri(settings.config().getString("uri")));
        EcrSettings ecr = EcrSettings.read(settings);
        EcrRepositories repositories = new EcrApiClient(ecr.apiEndpoint(registry), registry, ecr::credentials,
                ecr.apiTimeout(), Clock.systemUTC());
        return Optional.of(new EcrPushRules(registry, ecr.createRepository(), repositories));
    }
}
