package dev.hoist.flavor.defaults;

import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;

/** A registry of the default flavor: the base behaviour, with nothing added. */
public final class DefaultContainerRegistry extends ContainerRegistry {

    DefaultContainerRegistry(RegistrySettings settings, RegistryContext context) {
        super(settings, context);
    }
}
