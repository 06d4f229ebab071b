package dev.hoist.component;

import dev.hoist.push.Classified;
import dev.hoist.push.ErrorKind;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.StackComponentType;
import java.util.Collection;

/** A component name that the configuration does not define for its type. */
public class UnknownComponentException extends HoistException implements Classified {

    /**
     * @param type the component type
     * @param name the name asked for
     * @param configured the names configured, in order
     * @param root the root path of the settings, such as {@code hoist}
     */
    public UnknownComponentException(StackComponentType type, String name, Collection<String> configured, String root) {
        super(message(type, name, configured, root));
    }

    /** @param message the whole message, for subclasses that say more precisely what is missing */
    protected UnknownComponentException(String message) {
        super(message);
    }

    private static String message(StackComponentType type, String name, Collection<String> configured, String root) {
        boolean registry = type.equals(StackComponentType.CONTAINER_REGISTRY);
        return "No " + (registry ? "registry" : type.id()) + " named '" + name + "' is configured. Configured"
                + (registry ? " registries" : "") + ": " + (configured.isEmpty() ? "none" : String.join(", ", configured))
                + ". Add it as " + root + "." + type.section() + "." + name
                + (registry ? " { flavor = ..., uri = ... }." : " { flavor = ... }.");
    }

    /** {@link ErrorKind#CONFIGURATION}: the CLI exits 2. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIGURATION;
    }
}
