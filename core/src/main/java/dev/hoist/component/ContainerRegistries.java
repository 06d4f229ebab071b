package dev.hoist.component;

import dev.hoist.registry.ContainerRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured container registries: the container registry instance of {@link Components},
 * plus the default registry that {@code <root>.default-registry} names.
 */
public final class ContainerRegistries implements Components<ContainerRegistry> {

    private final Components<ContainerRegistry> registries;
    private final Optional<String> defaultName;
    private final String defaultPath;

    /**
     * @param registries the registries, read by the generic component machinery
     * @param defaultName the default registry's name; empty when config sets none ({@code ""})
     * @param defaultPath the full path of the setting, such as {@code hoist.default-registry}, for messages
     */
    public ContainerRegistries(Components<ContainerRegistry> registries, Optional<String> defaultName, String defaultPath) {
        this.registries = Objects.requireNonNull(registries, "registries");
        this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
        this.defaultPath = Objects.requireNonNull(defaultPath, "defaultPath");
    }

    @Override
    public ComponentType<ContainerRegistry> type() {
        return ComponentType.CONTAINER_REGISTRY;
    }

    /**
     * The registry with this name, built on first use.
     *
     * @throws UnknownComponentException listing the configured names
     */
    @Override
    public ContainerRegistry get(String name) {
        return registries.get(name);
    }

    /**
     * The registry named by {@code <root>.default-registry}.
     *
     * @throws NoDefaultRegistryException when the setting is empty
     * @throws UnknownComponentException when it names no configured registry
     */
    public ContainerRegistry defaultRegistry() {
        return get(defaultName.orElseThrow(() -> new NoDefaultRegistryException(defaultPath, names())));
    }

    /** The name of the default registry, if config sets one. */
    public Optional<String> defaultName() {
        return defaultName;
    }

    @Override
    public List<String> names() {
        return registries.names();
    }

    @Override
    public ContainerRegistry create(String name, String flavor, Map<String, ?> settings) {
        return registries.create(name, flavor, settings);
    }
}
