package dev.hoist.inject;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import dev.hoist.spi.ContainerRegistryFlavor;

/**
 * The one way to contribute flavors through Guice. Core owns the map binder behind it, so a
 * host or a flavor's module writes {@code HoistBinders.registryFlavors(binder()).addBinding("name").to(...)}
 * and never builds the binder itself. A name bound twice fails injector creation.
 */
public final class HoistBinders {

    private HoistBinders() {
    }

    /** The map of container registry flavors, by flavor name. */
    public static MapBinder<String, ContainerRegistryFlavor> registryFlavors(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, ContainerRegistryFlavor.class);
    }
}
