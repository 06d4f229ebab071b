package dev.hoist.registry;

import dev.hoist.api.RegistryNames;
import dev.hoist.api.RegistryUri;
import dev.hoist.config.RegistrySettingChecks;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.SettingProblem;
import dev.hoist.spi.StackComponentType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A container registry flavor as the generic component machinery sees it: core checks
 * {@code uri} and the credential settings, and the flavor's own {@code check} runs too, even when core found
 * problems, so that all come in one report; core builds the
 * {@link ContainerRegistry} with the flavor's hook and credential sources.
 */
public final class RegistryFlavorAdapter implements ComponentFlavor<ContainerRegistry> {

    private final ContainerRegistryFlavor flavor;

    /**
     * @param flavor the flavor as discovered (already guarded by discovery)
     */
    public RegistryFlavorAdapter(ContainerRegistryFlavor flavor) {
        this.flavor = Objects.requireNonNull(flavor, "flavor");
    }

    /** The flavor behind this adapter. */
    public ContainerRegistryFlavor flavor() {
        return flavor;
    }

    @Override
    public String name() {
        return flavor.name();
    }

    @Override
    public String description() {
        return flavor.description();
    }

    @Override
    public URI docsUrl() {
        return flavor.docsUrl();
    }

    @Override
    public StackComponentType type() {
        return StackComponentType.CONTAINER_REGISTRY;
    }

    @Override
    public java.util.Optional<com.google.inject.Module> module() {
        return flavor.module();
    }

    @Override
    public List<SettingProblem> check(ComponentSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        RegistrySettingChecks.uri(flavor, settings).ifPresent(problems::add);
        problems.addAll(RegistrySettingChecks.credentials(settings.config()));
        // The flavor's own settings are checked whatever core found, so that every problem comes in one report.
        try {
            problems.addAll(flavor.check(settings));
        } catch (RuntimeException failed) {
            if (problems.isEmpty()) {
                throw failed;
            }
            // A check that fails on settings core has refused (reading a URI that is no URI, say) is no failure
            // of the flavor's to report: core's problems say what to fix, and the check runs again once they are.
        }
        return problems;
    }

    @Override
    public ContainerRegistry create(ComponentSettings settings, ComponentContext context) {
        String uri = RegistrySettingChecks.normalizedUri(flavor, settings);
        String host = RegistryUri.parse(uri).hostAndPort().orElse(RegistryNames.DOCKER_HUB);
        RegistryContext registries = context.service(RegistryContext.class);
        return new ContainerRegistry(settings.name(), registries.path(settings.name()), settings.flavor(), uri,
                flavor.pushHook(settings, context), registries.credentials(settings, flavor, host), registries.transports(),
                connection(settings.config(), registries.defaultTransport()));
    }

    /** The registry's transport and TLS settings; {@link #check} has checked their types. */
    private static ContainerRegistry.Connection connection(com.typesafe.config.Config config, String defaultTransport) {
        String transport = config.hasPath("transport") ? config.getString("transport") : "";
        String caFile = config.hasPath("ca-file") ? config.getString("ca-file") : "";
        return new ContainerRegistry.Connection(transport.isEmpty() ? defaultTransport : transport,
                caFile.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(java.nio.file.Path.of(caFile)),
                config.hasPath("insecure") && config.getBoolean("insecure"));
    }

    @Override
    public String toString() {
        return flavor.toString();
    }
}
