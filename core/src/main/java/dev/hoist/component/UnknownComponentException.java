package dev.hoist.component;

import dev.hoist.HoistException;
import dev.hoist.spi.StackComponentType;
import java.util.Collection;

/** A component name that the configuration does not define for its type. */
public class UnknownComponentException extends HoistException {

    public UnknownComponentException(StackComponentType type, String name, Collection<String> configured, String root) {
        super("No " + type.id() + " named '" + name + "' is configured. Configured: "
                + (configured.isEmpty() ? "none" : String.join(", ", configured))
                + ". Add it as " + root + "." + type.section() + "." + name + " { flavor = ... }.");
    }
}
