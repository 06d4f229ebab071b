package dev.hoist.inject;

import com.google.inject.Provider;
import dev.hoist.component.ComponentRoot;
import dev.hoist.component.ComponentType;
import dev.hoist.component.Components;
import dev.hoist.component.ConfiguredComponents;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.Flavor;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.StackComponent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the components of one type, container registries and a host's types alike: the
 * flavors that discovery found plus those bound in Guice, then the type's config read and
 * checked. One pipeline for every type.
 */
final class ComponentsProvider<C extends StackComponent, F extends Flavor> implements Provider<Components<C>> {

    private final ComponentType<C> type;
    private final Provider<FlavorCatalog<F>> catalog;
    private final Provider<Map<String, F>> bound;
    private final Provider<ComponentRoot> root;

    ComponentsProvider(ComponentType<C> type, Provider<FlavorCatalog<F>> catalog, Provider<Map<String, F>> bound,
                       Provider<ComponentRoot> root) {
        this.type = type;
        this.catalog = catalog;
        this.bound = bound;
        this.root = root;
    }

    @Override
    public Components<C> get() {
        FlavorCatalog<F> found = catalog.get();
        Map<String, F> flavors = new TreeMap<>();
        for (DiscoveredFlavor<F> discovered : found.all()) {
            flavors.put(discovered.name(), discovered.flavor());
        }
        bound.get().forEach((name, flavor) -> {
            if (found.find(name).isPresent()) {
                DiscoveredFlavor<F> other = found.require(name);
                throw new HoistException(type.type().id() + " flavor '" + name + "' is provided twice: by "
                        + other.implementation().getName() + " from " + other.origin().describe()
                        + ", and by a Guice binding of " + flavor.getClass().getName() + ". Remove one of them.");
            }
            flavors.put(name, flavor);
        });
        Map<String, ComponentFlavor<C>> usable = new TreeMap<>();
        flavors.forEach((name, flavor) -> usable.put(name, type.adapt(flavor)));
        return new ConfiguredComponents<>(type, root.get(), usable, found.unusable());
    }
}
