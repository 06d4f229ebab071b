package dev.hoist;

import java.util.Collection;

/** A registry name that the configuration does not define. */
public class UnknownRegistryException extends HoistException {

    public UnknownRegistryException(String name, Collection<String> configured) {
        this(name, configured, "hoist");
    }

    /** As above, for registries under another root path. */
    public UnknownRegistryException(String name, Collection<String> configured, String root) {
        super("No registry named '" + name + "' is configured. Configured registries: "
                + (configured.isEmpty() ? "none" : String.join(", ", configured))
                + ". Add it as " + root + ".registries." + name + " { flavor = ..., uri = ... }.");
    }
}
