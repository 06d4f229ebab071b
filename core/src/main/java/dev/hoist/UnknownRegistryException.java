package dev.hoist;

import java.util.Collection;

/** A registry name that the configuration does not define. */
public class UnknownRegistryException extends HoistException {

    public UnknownRegistryException(String name, Collection<String> configured) {
        super("No registry named '" + name + "' is configured. Configured registries: "
                + (configured.isEmpty() ? "none" : String.join(", ", configured))
                + ". Add it as hoist.registries." + name + " { flavor = ..., uri = ... }.");
    }
}
