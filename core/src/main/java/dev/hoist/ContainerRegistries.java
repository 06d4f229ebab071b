package dev.hoist;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.component.ComponentConfig;
import dev.hoist.component.ComponentDefinition;
import dev.hoist.component.ComponentRoot;
import dev.hoist.component.ComponentType;
import dev.hoist.component.Components;
import dev.hoist.config.HoistConfig;
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
 * time it is asked for, then kept. It is the container registry instance of {@link Components}.
 */
public final class ContainerRegistries implements Components<ContainerRegistry> {

    private final HoistSettings settings;
    private final Map<String, ContainerRegistryFlavor> flavors;
    private final RegistryContext context;
    private final FlavorCatalog<ContainerRegistryFlavor> catalog;
    private final String root;
    private final Config tree;
    private final Map<String, ContainerRegistry> built = new ConcurrentHashMap<>();

    /** Registries under {@code hoist}, whose map-built registries get no configured defaults. */
    public ContainerRegistries(HoistSettings settings, Map<String, ContainerRegistryFlavor> flavors, RegistryContext context,
                               FlavorCatalog<ContainerRegistryFlavor> catalog) {
        this(settings, flavors, context, catalog, HoistConfig.ROOT, ConfigFactory.empty());
    }

    /** Registries under the root of {@code root}, whose defaults map-built registries get too. */
    @Inject
    public ContainerRegistries(HoistSettings settings, Map<String, ContainerRegistryFlavor> flavors, RegistryContext context,
                               FlavorCatalog<ContainerRegistryFlavor> catalog, ComponentRoot root) {
        this(settings, flavors, context, catalog, root.path(), root.tree());
    }

    private ContainerRegistries(HoistSettings settings, Map<String, ContainerRegistryFlavor> flavors, RegistryContext context,
                                FlavorCatalog<ContainerRegistryFlavor> catalog, String root, Config tree) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.flavors = Map.copyOf(flavors);
        this.context = Objects.requireNonNull(context, "context");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.root = root;
        this.tree = tree;
    }

    @Override
    public ComponentType<ContainerRegistry> type() {
        return ComponentType.CONTAINER_REGISTRY;
    }

    /**
     * The registry with this name.
     *
     * @throws UnknownRegistryException listing the configured names
     */
    @Override
    public ContainerRegistry get(String name) {
        RegistryDefinition definition = settings.registry(name)
                .orElseThrow(() -> new UnknownRegistryException(name, names(), root));
        return built.computeIfAbsent(name, ignored -> create(definition));
    }

    /** The registry named by {@code hoist.default-registry}. */
    public ContainerRegistry defaultRegistry() {
        return get(settings.defaultRegistry());
    }

    /** The configured names, in config order. */
    @Override
    public List<String> names() {
        return List.copyOf(settings.registries().keySet());
    }

    /**
     * Builds a registry from settings kept outside config, checked exactly as a
     * {@code registries} entry is: {@code uri} by the flavor's rules, the credential settings,
     * over the flavor's and the core registry defaults. The registry is not kept.
     *
     * @param settings the entry's keys, such as {@code uri} and {@code credentials}
     * @throws dev.hoist.config.HoistConfigException listing every problem, each with its key
     */
    @Override
    public ContainerRegistry create(String name, String flavor, Map<String, ?> settings) {
        ComponentDefinition definition = ComponentConfig.fromMap(tree, type(), name, flavor, settings, flavors,
                catalog.duplicates());
        return create(HoistConfig.registryOf(definition, flavors.get(flavor)));
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
