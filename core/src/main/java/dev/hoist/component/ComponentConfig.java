package dev.hoist.component;

import dev.hoist.spi.HoistException;

import static dev.hoist.config.ComponentValues.describe;
import static dev.hoist.config.ComponentValues.originOf;
import static dev.hoist.config.ComponentValues.quoteKey;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.hoist.config.HoistConfigException;
import dev.hoist.config.ConfigProblem;
import dev.hoist.discovery.FlavorInstallHint;
import dev.hoist.spi.ComponentFlavor;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.SettingProblem;
import dev.hoist.spi.StackComponentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads the components of one type from config, the same way for every type: the entries
 * under {@code <root>.<section>}, each with a known {@code flavor} and settings its flavor's
 * {@link ComponentFlavor#check} accepts, laid over the flavor's and the type's defaults.
 * Every problem is collected with its full path and origin.
 */
public final class ComponentConfig {

    private ComponentConfig() {
    }

    /**
     * Reads every entry of {@code type}'s section.
     *
     * @param tree the resolved subtree at the root path
     * @param root the root path, for messages, such as {@code hoist}
     * @param flavors the usable flavors of the type, by name
     * @param unusable flavor names discovery refused, with the reason
     * @param problems where problems are added
     */
    public static Map<String, ComponentDefinition> read(Config tree, String root, ComponentType<?> type,
                                                        Map<String, ? extends ComponentFlavor<?>> flavors,
                                                        Map<String, String> unusable, List<ConfigProblem> problems) {
        Map<String, ComponentDefinition> definitions = new LinkedHashMap<>();
        String section = type.type().section();
        if (!tree.hasPath(section) || tree.getValue(section).valueType() != ConfigValueType.OBJECT) {
            return definitions; // Absent, or checkValid reports the wrong type.
        }
        ConfigObject entries = tree.getObject(section);
        for (String name : new TreeSet<>(entries.keySet())) {
            if (entries.get(name).valueType() == ConfigValueType.NULL) {
                continue; // Set to null, as an application removes an entry a reference.conf ships.
            }
            String path = root + "." + section + "." + quoteKey(name);
            read(tree, root, path, name, entries.get(name), type, flavors, unusable, problems)
                    .ifPresent(definition -> definitions.put(name, definition));
        }
        return definitions;
    }

    /**
     * Reads one entry, wherever it came from: config, or a host's map of settings.
     *
     * @param tree the resolved subtree at the root path, for the defaults
     * @param path the entry's path in messages; empty to report bare keys
     */
    public static Optional<ComponentDefinition> read(Config tree, String path, String name, ConfigValue value,
                                                     ComponentType<?> type, Map<String, ? extends ComponentFlavor<?>> flavors,
                                                     Map<String, String> unusable, List<ConfigProblem> problems) {
        return read(tree, null, path, name, value, type, flavors, unusable, problems);
    }

    /** As the public per-entry read, with the config root (null if unknown) for the plugins-directory hint. */
    private static Optional<ComponentDefinition> read(Config tree, String root, String path, String name, ConfigValue value,
                                                      ComponentType<?> type, Map<String, ? extends ComponentFlavor<?>> flavors,
                                                      Map<String, String> unusable, List<ConfigProblem> problems) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            problems.add(new ConfigProblem(path, originOf(value.origin()),
                    "Expected an object " + type.shape() + ", found " + describe(value) + "."));
            return Optional.empty();
        }
        Config entry = ((ConfigObject) value).toConfig();
        String available = flavors.isEmpty() ? "none" : String.join(", ", new TreeSet<>(flavors.keySet()));
        String flavorPath = at(path, "flavor");
        if (!entry.hasPath("flavor")) {
            problems.add(new ConfigProblem(flavorPath, originOf(value.origin()),
                    "Missing; expected the name of a flavor, one of: " + available + "."));
            return Optional.empty();
        }
        ConfigValue flavorValue = entry.getValue("flavor");
        if (flavorValue.valueType() != ConfigValueType.STRING) {
            problems.add(new ConfigProblem(flavorPath, originOf(flavorValue.origin()),
                    "Expected a string, the name of a flavor, one of: " + available + "; found " + describe(flavorValue) + "."));
            return Optional.empty();
        }
        String flavorName = (String) flavorValue.unwrapped();
        ComponentFlavor<?> flavor = flavors.get(flavorName);
        if (flavor == null) {
            String message = unusable.containsKey(flavorName) ? unusable.get(flavorName)
                    : "Unknown flavor '" + flavorName + "'. Available: " + available + ". "
                            + FlavorInstallHint.of(flavorName, type.artifactOf(flavorName), root);
            problems.add(new ConfigProblem(flavorPath, originOf(flavorValue.origin()), message));
            return Optional.empty();
        }
        StackComponentType kind = type.type();
        Config withDefaults = entry
                .withFallback(objectAt(tree, kind.flavorsSection() + "." + quoteKey(flavorName) + "." + kind.defaultsKey()))
                .withFallback(objectAt(tree, kind.defaultsKey()));
        ComponentSettings settings = new ComponentSettings(name, flavorName, withDefaults);
        List<SettingProblem> found;
        try {
            found = flavor.check(settings);
        } catch (dev.hoist.spi.HoistException failed) {
            found = List.of(new SettingProblem("flavor", failed.getMessage()));
        }
        for (SettingProblem problem : found) {
            problems.add(new ConfigProblem(at(path, problem.key()), originOf(originOfKey(withDefaults, problem.key(), value.origin())),
                    problem.message()));
        }
        return found.isEmpty() ? Optional.of(new ComponentDefinition(settings, originOf(value.origin()))) : Optional.empty();
    }

    /**
     * Checks settings from a map as {@link #read} checks a config entry, reporting bare keys.
     *
     * @throws HoistConfigException listing every problem, each with its key
     */
    public static ComponentDefinition fromMap(Config tree, ComponentType<?> type, String name, String flavor,
                                              Map<String, ?> settings, Map<String, ? extends ComponentFlavor<?>> flavors,
                                              Map<String, String> unusable) {
        Map<String, Object> entry = new LinkedHashMap<>(settings);
        entry.put("flavor", flavor);
        String origin = "settings of " + type.type().id() + " '" + name + "'";
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        ConfigValue value;
        try {
            value = ConfigValueFactory.fromMap(entry, origin);
        } catch (ConfigException.BugOrBroken | IllegalArgumentException unconvertible) {
            throw new HoistConfigException(List.of(new ConfigProblem("(settings)", origin,
                    "Cannot read these settings as config values: " + unconvertible.getMessage())));
        }
        Optional<ComponentDefinition> definition = read(tree, "", name, value, type, flavors, unusable, problems);
        if (!problems.isEmpty()) {
            throw new HoistConfigException(problems);
        }
        return definition.orElseThrow();
    }

    private static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where a key was set; for a key that is missing, its nearest enclosing object, else the entry. */
    private static ConfigOrigin originOfKey(Config entry, String key, ConfigOrigin entryOrigin) {
        try {
            String probe = key;
            while (!probe.isEmpty()) {
                if (entry.hasPath(probe)) {
                    return entry.getValue(probe).origin();
                }
                int dot = probe.lastIndexOf('.');
                probe = dot < 0 ? "" : probe.substring(0, dot);
            }
        } catch (RuntimeException unparseable) {
            // A key that is no valid path: report at the entry.
        }
        return entryOrigin;
    }

    private static Config objectAt(Config tree, String path) {
        return tree.hasPath(path) && tree.getValue(path).valueType() == ConfigValueType.OBJECT
                ? tree.getConfig(path) : ConfigFactory.empty();
    }
}
