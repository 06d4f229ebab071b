package dev.hoist.stack;

import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.StackComponent;
import dev.hoist.spi.StackComponentType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured stack: at most one component of each type, built and ready.
 *
 * @param name the stack's name, the key under {@code <root>.stacks}
 * @param components its components by type, in config order
 */
public record Stack(String name, Map<StackComponentType, StackComponent> components) {

    public Stack {
        Objects.requireNonNull(name, "name");
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** The component of this type, if the stack has one. */
    public Optional<StackComponent> component(StackComponentType type) {
        return Optional.ofNullable(components.get(type));
    }

    /** The component of this type, as its class. */
    public <C extends StackComponent> Optional<C> component(StackComponentType type, Class<C> as) {
        return component(type).filter(as::isInstance).map(as::cast);
    }

    /** The stack's container registry, if it has one. */
    public Optional<ContainerRegistry> containerRegistry() {
        return component(StackComponentType.CONTAINER_REGISTRY, ContainerRegistry.class);
    }
}
