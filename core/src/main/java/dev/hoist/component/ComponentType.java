package dev.hoist.component;

import dev.hoist.registry.ContainerRegistry;
import dev.hoist.registry.RegistryFlavorAdapter;
import dev.hoist.spi.Flavor;
import java.util.function.Function;

import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.StackComponent;
import dev.hoist.spi.StackComponentType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;

/**
 * A component type as Hoist's machinery handles it: its id and config keys, the flavor
 * contract that {@link java.util.ServiceLoader} finds, and the component class flavors build.
 * A host declares its own with {@link dev.hoist.inject.HoistBinders#componentType}.
 *
 * @param <C> the component class
 */
public final class ComponentType<C extends StackComponent> {

    /** Hoist's container registries: core builds each from its flavor's hooks. */
    public static final ComponentType<ContainerRegistry> CONTAINER_REGISTRY = new ComponentType<>(
            StackComponentType.CONTAINER_REGISTRY, ContainerRegistryFlavor.class, ContainerRegistry.class,
            "{ flavor = ..., uri = ... }", dev.hoist.discovery.FlavorInstallHint::builtInRegistryArtifact,
            flavor -> new RegistryFlavorAdapter((ContainerRegistryFlavor) flavor));

    private final StackComponentType type;
    private final Class<? extends Flavor> contract;
    private final Function<Flavor, ComponentFlavor<C>> adapter;
    private final Class<C> component;
    private final String shape;
    private final Function<String, Optional<String>> artifacts;

    private ComponentType(StackComponentType type, Class<? extends Flavor> contract, Class<C> component,
                          String shape, Function<String, Optional<String>> artifacts,
                          Function<Flavor, ComponentFlavor<C>> adapter) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.type = Objects.requireNonNull(type, "type");
        this.contract = Objects.requireNonNull(contract, "contract");
        this.component = Objects.requireNonNull(component, "component");
        this.shape = shape;
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    }

    /**
     * A type whose flavors implement {@code contract}; the component class is read from the
     * contract's {@code ComponentFlavor<C>} parameter.
     *
     * @throws IllegalArgumentException if the contract does not name its component class
     */
    public static <C extends StackComponent> ComponentType<C> of(StackComponentType type,
                                                                 Class<? extends ComponentFlavor<C>> contract) {
        @SuppressWarnings("unchecked")
        Class<C> component = (Class<C>) componentClassOf(contract).orElseThrow(() -> new IllegalArgumentException(
                contract.getName() + " must extend ComponentFlavor<YourComponent> with a class argument"));
        @SuppressWarnings("unchecked")
        Function<Flavor, ComponentFlavor<C>> identity = flavor -> (ComponentFlavor<C>) flavor;
        return new ComponentType<>(type, contract, component, "{ flavor = ... }", name -> Optional.empty(), identity);
    }

    private static Optional<Class<?>> componentClassOf(Type type) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : type instanceof Class<?> plain ? plain : null;
        if (raw == null) {
            return Optional.empty();
        }
        if (raw == ComponentFlavor.class && type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> argument) {
            return Optional.of(argument);
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Optional<Class<?>> found = componentClassOf(parent);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The type's id and config keys. */
    public StackComponentType type() {
        return type;
    }

    /** The interface its flavors implement and register as a service. */
    public Class<? extends Flavor> contract() {
        return contract;
    }

    /**
     * A discovered flavor as the component machinery uses it: itself for a host's types, core's
     * adapter for container registries.
     *
     * @param flavor an instance of {@link #contract()}
     * @return the flavor that checks settings and builds components
     */
    public ComponentFlavor<C> adapt(Flavor flavor) {
        return adapter.apply(flavor);
    }

    /** The class of the components its flavors build. */
    public Class<C> component() {
        return component;
    }

    /** What one entry looks like, for messages: {@code { flavor = ..., uri = ... }}. */
    public String shape() {
        return shape;
    }

    /**
     * The Maven artifact ({@code groupId:artifactId}) that brings a flavor, only when the name is one
     * of the flavors Hoist itself ships for this type ({@code dev.hoist:hoist-flavor-gcp}); empty for
     * every other name, whose artifact Hoist cannot know.
     */
    public Optional<String> artifactOf(String flavor) {
        return artifacts.apply(flavor);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComponentType<?> that && that.type.equals(type) && that.contract.equals(contract);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return type.id() + " (" + contract.getSimpleName() + ")";
    }
}
