package dev.hoist.spi;

/**
 * The services a component or a push hook may use: whatever the injector binds, that is the
 * host's own bindings and the bindings of every discovered flavor's {@link Flavor#module()}.
 * A flavor binds its API client in its module and asks for it here when its component or hook
 * is built.
 */
public interface ComponentContext {

    /**
     * The bound instance of a type.
     *
     * @param <T> the type
     * @param type the class bound in the injector, such as a flavor's API client
     * @return the instance the injector provides
     * @throws HoistException if nothing binds that type; the message names it and says to bind it
     */
    <T> T service(Class<T> type);
}
