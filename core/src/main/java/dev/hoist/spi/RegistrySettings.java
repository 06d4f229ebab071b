package dev.hoist.spi;

import com.typesafe.config.Config;
import java.util.Objects;

/**
 * One configured registry as a flavor receives it.
 *
 * @param name the registry's name, the key under {@code hoist.registries}
 * @param flavor the flavor name
 * @param uri the URI in the flavor's normal form
 * @param config the registry's own subtree, with the flavor's
 *     {@code hoist.flavors.<name>.registry-defaults} as fallback
 */
public record RegistrySettings(String name, String flavor, String uri, Config config) {

    public RegistrySettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(config, "config");
    }

    @Override
    public String toString() {
        // The config may hold secrets; never print it.
        return "RegistrySettings[name=" + name + ", flavor=" + flavor + ", uri=" + uri + "]";
    }
}
