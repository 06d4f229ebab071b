package dev.hoist.testing;

import com.typesafe.config.Config;
import dev.hoist.component.ComponentRoot;
import dev.hoist.component.ComponentType;
import dev.hoist.component.ConfiguredComponents;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.HoistConfig;
import dev.hoist.config.HoistConfigException;
import dev.hoist.config.HoistSettings;
import dev.hoist.plugin.PluginDirectory;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Config read the way an injector reads it, without one: Hoist's own settings, then the
 * registries through the component machinery, every problem of both in one exception.
 */
public final class ConfigUnderTest {

    private ConfigUnderTest() {
    }

    /** What a config gave. */
    public record Loaded(HoistSettings settings, ConfiguredComponents<ContainerRegistry> registries) {
    }

    public static Loaded load(Config config, ClassLoader loader, Map<String, ? extends ContainerRegistryFlavor> flavors) {
        List<ConfigProblem> problems = new ArrayList<>();
        HoistSettings settings = null;
        try {
            settings = HoistConfig.load(config, HoistConfig.ROOT, loader, com.typesafe.config.ConfigFactory.empty(),
                    java.util.List.of(dev.hoist.spi.StackComponentType.CONTAINER_REGISTRY), dev.hoist.inject.HoistModule.SECTIONS);
        } catch (HoistConfigException invalid) {
            problems.addAll(invalid.problems());
        }
        ComponentContext context = new ComponentContext() {
            @Override
            public <T> T service(Class<T> type) {
                throw new IllegalStateException("no services in this test");
            }
        };
        Map<String, ComponentFlavor<ContainerRegistry>> adapted = new TreeMap<>();
        flavors.forEach((name, flavor) -> adapted.put(name, ComponentType.CONTAINER_REGISTRY.adapt(flavor)));
        ConfiguredComponents<ContainerRegistry> registries = null;
        try {
            ComponentRoot root = new ComponentRoot(HoistConfig.ROOT, HoistConfig.tree(config, HoistConfig.ROOT, loader),
                    HoistConfig.reference(HoistConfig.ROOT, loader, com.typesafe.config.ConfigFactory.empty()).getConfig(HoistConfig.ROOT),
                    loader, PluginDirectory.none(), context);
            registries = new ConfiguredComponents<>(ComponentType.CONTAINER_REGISTRY, root, adapted, Map.of());
        } catch (HoistConfigException invalid) {
            problems.addAll(invalid.problems());
        }
        if (!problems.isEmpty()) {
            throw new HoistConfigException(HoistConfig.ROOT, problems);
        }
        return new Loaded(settings, registries);
    }
}
