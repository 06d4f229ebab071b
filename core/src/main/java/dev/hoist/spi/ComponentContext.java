package dev.hoist.spi;

/**
 * The host's services that a component may use. A host decides what it offers by what it
 * binds; Hoist always offers a {@code dev.hoist.registry.RegistryContext}.
 */
public interface ComponentContext {

    /**
     * The host's service of this type.
     *
     * @param <T> the service's type
     * @param type the service's class, as the host bound it
     * @return the host's instance of that service
     * @throws RuntimeException if the host offers none
     */
    <T> T service(Class<T> type);
}
