package dev.hoist.component;

import dev.hoist.spi.StackComponent;
import java.util.List;
import java.util.Map;

/**
 * The configured components of one type, by name: Hoist's {@link dev.hoist.component.ContainerRegistries}
 * for registries, and one per type a host declares. Inject it as {@code Components<YourComponent>}.
 *
 * @param <C> the component class
 */
public interface Components<C extends StackComponent> {

    /** The type of these components. */
    ComponentType<C> type();

    /**
     * The component with this name, built by its flavor the first time it is asked for, then kept.
     *
     * @throws dev.hoist.spi.HoistException listing the configured names when there is none
     */
    C get(String name);

    /** The configured names, in a stable order. */
    List<String> names();

    /**
     * Builds a component that is not in config, from settings a host keeps elsewhere, such as
     * in its own database. The settings are checked exactly as a config entry's would be, over
     * the same defaults. The component is not kept: the caller owns it.
     *
     * @param name the component's name
     * @param flavor the flavor to build it with
     * @param settings its settings, as a config entry would hold them; values may be strings,
     *     numbers, booleans, lists and nested maps
     * @throws dev.hoist.config.HoistConfigException listing every problem, each with its key
     */
    C create(String name, String flavor, Map<String, ?> settings);
}
