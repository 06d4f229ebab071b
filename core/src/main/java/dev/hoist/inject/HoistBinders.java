package dev.hoist.inject;

import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Types;
import dev.hoist.component.ComponentRoot;
import dev.hoist.component.ComponentType;
import dev.hoist.component.Components;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.Flavor;
import dev.hoist.spi.StackComponent;
import dev.hoist.spi.StackComponentType;
import dev.hoist.spi.StackRule;
import dev.hoist.stack.StackValidator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way for a host to contribute flavors, component types and stack rules through Guice.
 * Core owns the binders behind it, so a host's module writes
 * {@code HoistBinders.registryFlavors(binder()).addBinding("name").to(...)} and never builds
 * them itself. A name bound twice, or bound and also discovered, fails injector creation.
 *
 * <p>This class is not shared with plugins. A flavor's own module adds a stack rule with Guice's
 * set binder of the SPI's {@link StackRule}, which works on the class path and from a plugins
 * directory alike: {@code Multibinder.newSetBinder(binder(), StackRule.class).addBinding().to(MyRule.class)}.
 */
public final class HoistBinders {

    private static final Logger LOG = LoggerFactory.getLogger(HoistBinders.class);
    private static final TypeLiteral<Components<?>> ANY_COMPONENTS = new TypeLiteral<>() { };

    private HoistBinders() {
    }

    /**
     * The map of container registry flavors a host binds itself, by flavor name, beside those
     * that discovery finds.
     *
     * @param binder the module's binder
     * @return the map binder
     */
    public static MapBinder<String, ContainerRegistryFlavor> registryFlavors(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, ContainerRegistryFlavor.class);
    }

    /**
     * Declares a component type of the host's. Its flavors are those that {@link java.util.ServiceLoader}
     * finds for {@code contract} (on the class path and in the plugins), plus those bound into the
     * returned map binder; its components are read from {@code <root>.<type.section()>} exactly as
     * container registries are, and {@code Components<C>} becomes injectable. Installing
     * {@link HoistModule} is required. Discovery and config reading happen when the injector
     * builds {@code Components<C>}, not here.
     *
     * @param binder the module's binder
     * @param type the type's id and config keys
     * @param contract the flavor interface, {@code interface XFlavor extends ComponentFlavor<X>}
     * @param <C> the component class
     * @param <F> the flavor contract
     * @return the map binder of the type's flavors, for flavors the host binds itself
     */
    public static <C extends StackComponent, F extends ComponentFlavor<C>> MapBinder<String, F> componentType(
            Binder binder, StackComponentType type, Class<F> contract) {
        ComponentType<C> kind = ComponentType.of(type, contract);
        MapBinder<String, F> flavors = MapBinder.newMapBinder(binder, String.class, contract);
        Provider<ComponentRoot> root = binder.getProvider(ComponentRoot.class);
        bindComponents(binder, kind, contract, () -> {
            ComponentRoot at = root.get();
            FlavorCatalog<F> catalog = FlavorCatalog.discover(contract, at.loader(), at.plugins());
            // Plugin-wide problems were logged once, with the registry flavors.
            catalog.problems().stream().filter(problem -> !at.plugins().problems().contains(problem))
                    .forEach(problem -> LOG.warn("{}", problem));
            return catalog;
        });
        return flavors;
    }

    /** Binds {@code Components<C>} through the one pipeline, and adds it to the map stacks resolve against. */
    static <C extends StackComponent, F extends Flavor> void bindComponents(Binder binder, ComponentType<C> type,
                                                                            Class<F> contract,
                                                                            Provider<FlavorCatalog<F>> catalog) {
        @SuppressWarnings("unchecked")
        Key<Components<C>> key = (Key<Components<C>>) Key.get(Types.newParameterizedType(Components.class, type.component()));
        @SuppressWarnings("unchecked")
        Key<Map<String, F>> boundKey = (Key<Map<String, F>>) Key.get(Types.mapOf(String.class, contract));
        binder.bind(key).toProvider(new ComponentsProvider<>(type, catalog, binder.getProvider(boundKey),
                binder.getProvider(ComponentRoot.class))).in(Singleton.class);
        components(binder).addBinding(type.type().id()).to(key);
        componentTypes(binder).addBinding(type.type().id()).toInstance(type.type());
    }

    /**
     * Every declared component type, by id, without building its components: what Hoist's own
     * settings are checked against (the types' config keys, and the keys of each stack).
     */
    static MapBinder<String, StackComponentType> componentTypes(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, StackComponentType.class);
    }

    /**
     * The rules every stack must follow, beside Hoist's own.
     *
     * @param binder the module's binder
     * @return the set binder
     */
    public static Multibinder<StackValidator> stackValidators(Binder binder) {
        return Multibinder.newSetBinder(binder, StackValidator.class);
    }

    /**
     * The rules of the SPI every stack must follow: what {@code Multibinder.newSetBinder(binder, StackRule.class)}
     * returns, for a host's module; a flavor's module calls that itself.
     *
     * @param binder the module's binder
     * @return the set binder
     */
    public static Multibinder<StackRule> stackRules(Binder binder) {
        return Multibinder.newSetBinder(binder, StackRule.class);
    }

    /** Every component type's components, by type id: what stacks are resolved against. */
    static MapBinder<String, Components<?>> components(Binder binder) {
        return MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), ANY_COMPONENTS);
    }
}
