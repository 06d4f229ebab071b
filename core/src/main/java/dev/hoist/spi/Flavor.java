package dev.hoist.spi;

import com.google.inject.Module;
import java.net.URI;
import java.util.Optional;

/**
 * What every flavor, of any component type, tells about itself.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}, so they need a public
 * no-argument constructor, and they should be cheap to construct: discovery instantiates
 * every flavor on the class path, including those no config names.
 */
public interface Flavor {

    /** {@return the name that config uses to pick this flavor, for example {@code default}; lower case} */
    String name();

    /** {@return one line for humans, shown by {@code hoist flavors}} */
    String description();

    /** {@return where a user reads about the registry or service this flavor targets} */
    URI docsUrl();

    /** {@return the kind of component this flavor builds} */
    StackComponentType type();

    /**
     * Bindings of the flavor's own, installed into the host's injector. Most flavors need
     * none. The module must follow Guice's advice: fast, free of side effects and of I/O.
     *
     * @return the flavor's module, or empty (the default) when it binds nothing
     */
    default Optional<Module> module() {
        return Optional.empty();
    }
}
