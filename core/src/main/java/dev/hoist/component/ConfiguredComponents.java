package dev.hoist.component;

import dev.hoist.spi.StackComponentType;

import dev.hoist.spi.HoistException;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.HoistConfigException;
import dev.hoist.discovery.FlavorOrigin;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.StackComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components of any type, read from config by {@link ComponentConfig} and built by their
 * flavors on first use. Closing it closes the components it built that are {@link AutoCloseable}.
 *
 * @param <C> the component class
 */
public final class ConfiguredComponents<C extends StackComponent> implements Components<C>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredComponents.class);

    private final ComponentType<C> type;
    private final ComponentRoot root;
    private final Map<String, ? extends ComponentFlavor<C>> flavors;
    private final Map<String, String> unusable;
    private final Map<String, ComponentDefinition> definitions;
    private final Map<String, C> built = new ConcurrentHashMap<>();

    /**
     * Reads and checks every component of {@code type} under the root.
     *
     * @param flavors the usable flavors, by name
     * @param unusable flavor names that discovery refused, with the reason
     * @throws HoistConfigException listing every problem
     */
    public ConfiguredComponents(ComponentType<C> type, ComponentRoot root, Map<String, ? extends ComponentFlavor<C>> flavors,
                                Map<String, String> unusable) {
        this.type = Objects.requireNonNull(type, "type");
        this.root = Objects.requireNonNull(root, "root");
        this.flavors = Map.copyOf(flavors);
        this.unusable = Map.copyOf(unusable);
        List<ConfigProblem> problems = new ArrayList<>();
        this.definitions = ComponentConfig.read(root.tree(), root.reference(), root.path(), type, this.flavors, this.unusable, problems);
        if (!problems.isEmpty()) {
            throw new HoistConfigException(root.path(), problems);
        }
    }

    @Override
    public ComponentType<C> type() {
        return type;
    }

    @Override
    public C get(String name) {
        ComponentDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new UnknownComponentException(type.type(), name, names(), root.path());
        }
        return built.computeIfAbsent(name, ignored -> build(definition));
    }

    /**
     * A component's checked definition: its settings over the defaults, and where it was defined.
     *
     * @param name the component's name
     * @return the definition, or empty when no component has that name
     */
    public java.util.Optional<ComponentDefinition> definition(String name) {
        return java.util.Optional.ofNullable(definitions.get(name));
    }

    @Override
    public List<String> names() {
        return List.copyOf(definitions.keySet());
    }

    @Override
    public C create(String name, String flavor, Map<String, ?> settings) {
        return build(ComponentConfig.fromMap(root.path(), root.tree(), root.reference(), type, name, flavor, settings, flavors, unusable));
    }

    private C build(ComponentDefinition definition) {
        ComponentFlavor<C> flavor = flavors.get(definition.flavor());
        String what = type.type().equals(StackComponentType.CONTAINER_REGISTRY) ? "registry" : type.type().id();
        C component;
        try {
            component = flavor.create(definition.settings(), root.context());
        } catch (HoistException failed) {
            // Guarded flavors already name themselves, their class and their jar.
            throw new HoistException("Cannot create " + what + " '" + definition.name() + "' defined at "
                    + definition.origin() + ": " + failed.getMessage(), failed);
        } catch (RuntimeException failed) {
            throw new HoistException("Flavor '" + definition.flavor() + "' (" + flavor.getClass().getName() + " from "
                    + FlavorOrigin.locationOf(flavor.getClass()) + ") failed to create " + what + " '"
                    + definition.name() + "' defined at " + definition.origin() + ": " + failed.getMessage(), failed);
        }
        if (component == null) {
            throw new HoistException("Flavor '" + definition.flavor() + "' (" + flavor.getClass().getName()
                    + ") returned no " + what + " for '" + definition.name() + "'; create() must return one.");
        }
        return component;
    }

    /** The context components of this root receive. */
    public ComponentContext context() {
        return root.context();
    }

    @Override
    public void close() {
        for (C component : built.values()) {
            if (component instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception failed) {
                    LOG.warn("Closing {} '{}' failed", type.type().id(), component.name(), failed);
                }
            }
        }
        built.clear();
    }
}
