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

    /**
     * The configured registry that owns {@code reference}: the one whose URI it is under, the most specific URI
     * (the most path segments) winning. Builds every configured registry to ask it.
     *
     * @throws dev.hoist.api.InvalidImageReferenceException if {@code reference} is not a valid reference
     * @throws dev.hoist.push.InvalidImageNameException {@code FOREIGN} when no registry owns it (naming those
     *         configured), {@code INVALID} when two own it equally (naming both)
     */
    public ContainerRegistry owning(String reference) {
        dev.hoist.api.ImageReference parsed = dev.hoist.api.ImageReference.parse(reference);
        List<ContainerRegistry> best = new java.util.ArrayList<>();
        int depth = -1;
        List<String> configured = new java.util.ArrayList<>();
        for (String name : names()) {
            ContainerRegistry registry = get(name);
            configured.add(name + " (" + registry.uri() + ")");
            if (!parsed.belongsTo(registry.uri())) {
                continue;
            }
            int own = dev.hoist.api.RegistryUri.parse(registry.uri()).path().size();
            if (own > depth) {
                best.clear();
                depth = own;
            }
            if (own == depth) {
                best.add(registry);
            }
        }
        if (best.isEmpty()) {
            throw dev.hoist.push.InvalidImageNameException.unowned(reference, configured);
        }
        if (best.size() > 1) {
            throw dev.hoist.push.InvalidImageNameException.ambiguous(reference, best.stream()
                    .map(r -> "'" + r.name() + "' (" + r.uri() + ")").toList());
        }
        return best.get(0);
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
