package dev.hoist.spi;

import com.typesafe.config.Config;
import java.util.Objects;

/**
 * One configured component as its flavor receives it, whatever its type.
 *
 * @param name the component's name, the key under {@code <root>.<section>}
 * @param flavor the flavor name
 * @param config the component's own subtree, with its flavor's defaults and its type's defaults as fallbacks
 */
public record ComponentSettings(String name, String flavor, Config config) {

    /**
     * Checks that no part is {@code null}.
     *
     * @param name the component's name
     * @param flavor the flavor name
     * @param config the component's own subtree
     */
    public ComponentSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(config, "config");
    }

    @Override
    public String toString() {
        // The config may hold secrets; never print it.
        return "ComponentSettings[name=" + name + ", flavor=" + flavor + "]";
    }
}
