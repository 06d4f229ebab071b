package dev.hoist.discovery;

import dev.hoist.spi.Flavor;

/**
 * A flavor instance and the jar it came from.
 *
 * @param <F> the flavor contract
 */
public record DiscoveredFlavor<F extends Flavor>(F flavor, FlavorOrigin origin) {

    public String name() {
        return flavor.name();
    }
}
