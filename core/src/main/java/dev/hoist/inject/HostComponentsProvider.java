package dev.hoist.inject;

import com.google.inject.Provider;
import dev.hoist.HoistException;
import dev.hoist.component.ComponentRoot;
import dev.hoist.component.ComponentType;
import dev.hoist.component.Components;
import dev.hoist.component.ConfiguredComponents;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.StackComponent;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a host type's components: its flavors discovered and bound, then its config read. */
final class HostComponentsProvider<C extends StackComponent, F extends ComponentFlavor<C>> implements Provider<Components<C>> {

    private static final Logger LOG = LoggerFactory.getLogger(HostComponentsProvider.class);

    private final ComponentType<C> type;
    private final Class<F> contract;
    private final Provider<Map<String, F>> bound;
    private final Provider<ComponentRoot> root;

    HostComponentsProvider(ComponentType<C> type, Class<F> contract, Provider<Map<String, F>> bound, Provider<ComponentRoot> root) {
        this.type = type;
        this.contract = contract;
        this.bound = bound;
        this.root = root;
    }

    @Override
    public Components<C> get() {
        ComponentRoot at = root.get();
        FlavorCatalog<F> catalog = FlavorCatalog.discover(contract, at.loader(), at.plugins());
        catalog.problems().forEach(problem -> LOG.warn("{}", problem));
        Map<String, F> flavors = new TreeMap<>();
        for (DiscoveredFlavor<F> discovered : catalog.all()) {
            flavors.put(discovered.name(), discovered.flavor());
        }
        bound.get().forEach((name, flavor) -> {
            if (flavors.putIfAbsent(name, flavor) != null) {
                throw new HoistException(type.type().id() + " flavor '" + name + "' is provided twice: by "
                        + catalog.require(name).implementation().getName() + " from " + catalog.require(name).origin().describe()
                        + ", and by a Guice binding of " + flavor.getClass().getName() + ". Remove one of them.");
            }
        });
        return new ConfiguredComponents<>(type, at, flavors, catalog.duplicates());
    }
}
