package dev.hoist.component;

import java.util.Collection;

/**
 * No registry was named, and the setting that names the default registry is empty. A usage error like an unknown
 * registry name (the CLI exits 2).
 */
public class NoDefaultRegistryException extends UnknownComponentException {

    /**
     * @param defaultPath the full path of the setting, such as {@code hoist.default-registry}
     * @param configured the registry names configured, in order
     */
    public NoDefaultRegistryException(String defaultPath, Collection<String> configured) {
        super("No default registry: " + defaultPath + " is empty. Name a registry, or set " + defaultPath
                + " to one of: " + (configured.isEmpty() ? "(none configured)" : String.join(", ", configured)) + ".");
    }
}
