package dev.hoist.spi;

/**
 * A configured component of a stack, of any type: a container registry, or a host's own
 * artifact store or step runner. Flavors build them; stacks combine one of each type.
 */
public interface StackComponent {

    /** {@return the component's name in config, the key under {@code <root>.<section>}} */
    String name();

    /** {@return the name of the flavor that built it} */
    String flavor();

    /** {@return the kind of component it is} */
    StackComponentType type();

    /**
     * Whether this component runs away from this machine and so must pull images over the
     * network, as a Kubernetes step runner does. Stack validation uses it: a registry on this
     * machine cannot serve such a component. False by default.
     *
     * @return whether the component pulls images from another machine
     */
    default boolean isRemote() {
        return false;
    }
}
