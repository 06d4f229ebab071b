package dev.hoist;

import dev.hoist.config.HoistSettings;
import dev.hoist.config.RegistryDefinition;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.discovery.FlavorOrigin;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.RegistryContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured container registries, by name. Each is built by its flavor the first
 * time it is asked for, then kept.
 */
public final class ContainerRegistries {

    private final HoistSettings settings;
    private final Map<String, ContainerRegistryFlavor> flavors;
    private final RegistryContext context;
    private final FlavorCatalog<ContainerRegistryFlavor> catalog;
    private final Map<String, ContainerRegistry> built = new ConcurrentHashMap<>();

    @Inject
    public ContainerRegistries(HoistSettings settings, Map<String, ContainerRegistryFlavor> flavors, RegistryContext context,
                               FlavorCatalog<ContainerRegistryFlavor> catalog) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.flavors = Map.copyOf(flavors);
        this.context = Objects.requireNonNull(context, "context");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * The registry with this name.
     *
     * @throws UnknownRegistryException listing the configured names
     */
    public ContainerRegistry get(String name) {
        RegistryDefinition definition = settings.registry(name)
                .orElseThrow(() -> new UnknownRegistryException(name, names()));
        return built.computeIfAbsent(name, ignored -> create(definition));
    }

    /** The registry named by {@code hoist.default-registry}. */
    public ContainerRegistry defaultRegistry() {
        return get(settings.defaultRegistry());
    }

    /** The configured names, in config order. */
    public List<String> names() {
        return List.copyOf(settings.registries().keySet());
    }

    private ContainerRegistry create(RegistryDefinition definition) {
        ContainerRegistryFlavor flavor = flavors.get(definition.flavor());
        ContainerRegistry registry;
        try {
            registry = flavor.create(definition.settings(), context);
        } catch (RuntimeException failed) {
            throw new HoistException("Flavor '" + definition.flavor() + "' (" + describe(definition.flavor(), flavor)
                    + ") failed to create registry '"
                    + definition.name() + "' defined at " + definition.origin() + ": " + failed.getMessage(), failed);
        }
        if (registry == null) {
            throw new HoistException("Flavor '" + definition.flavor() + "' (" + describe(definition.flavor(), flavor)
                    + ") returned no registry for '" + definition.name() + "'; create() must return one.");
        }
        return registry;
    }

    /** The flavor's class and jar, as discovery recorded them; a host-bound flavor has only its class. */
    private String describe(String name, ContainerRegistryFlavor flavor) {
        return catalog.find(name)
                .map(found -> found.implementation().getName() + " from " + found.origin().describe())
                .orElseGet(() -> flavor.getClass().getName() + " from " + FlavorOrigin.locationOf(flavor.getClass()));
    }
}
