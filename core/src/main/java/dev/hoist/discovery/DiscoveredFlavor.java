package dev.hoist.discovery;

import dev.hoist.spi.Flavor;

/**
 * A usable flavor and where it came from.
 *
 * @param flavor the flavor to call; for a plugin's flavor, a wrapper that sets the plugin's context loader
 * @param origin the jar it came from
 * @param implementation the flavor's own class
 * @param <F> the flavor contract
 */
public record DiscoveredFlavor<F extends Flavor>(F flavor, FlavorOrigin origin, Class<?> implementation) {

    public String name() {
        return flavor.name();
    }
}
