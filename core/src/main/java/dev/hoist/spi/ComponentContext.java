package dev.hoist.spi;

/**
 * The host's services that a component may use. A host decides what it offers by what it
 * binds; Hoist always offers a {@link RegistryContext}.
 */
public interface ComponentContext {

    /**
     * The host's service of this type.
     *
     * @throws RuntimeException if the host offers none
     */
    <T> T service(Class<T> type);
}
