package dev.hoist.spi;

import java.util.List;

/**
 * A flavor of some component type: it checks a component's settings and builds it. Hoist's
 * {@link ContainerRegistryFlavor} is one; a host declares its own contract by extending this
 * interface, for example {@code interface StepRunnerFlavor extends ComponentFlavor<StepRunner>},
 * and registers implementations with {@code @AutoService(StepRunnerFlavor.class)}.
 *
 * @param <C> the component this flavor builds
 */
public interface ComponentFlavor<C extends StackComponent> extends Flavor {

    /**
     * Checks a component's settings, reporting every problem with its key, before anything is
     * built. Hoist calls it for components from config and from maps alike. None by default.
     *
     * @param settings the component's name and config subtree
     * @return every problem found, empty when the settings are fine
     */
    default List<SettingProblem> check(ComponentSettings settings) {
        return List.of();
    }

    /**
     * Builds a component. Hoist calls it only with settings that {@link #check} accepted.
     *
     * @param settings the component's name and config subtree
     * @param context the host's services
     * @return the component, ready to use
     */
    C create(ComponentSettings settings, ComponentContext context);
}
