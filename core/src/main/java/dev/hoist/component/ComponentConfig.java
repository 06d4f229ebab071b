package dev.hoist.component;

import dev.hoist.spi.HoistException;

import static dev.hoist.config.ComponentValues.describe;

import static dev.hoist.config.ComponentValues.originOf;
import static dev.hoist.config.ComponentValues.quoteKey;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
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
import dev.hoist.config.ComponentValues;
import dev.hoist.config.UnknownKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Set;
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

    /** The key of every component's flavor, whatever its type: the machinery reads it to find the flavor. */
    private static final String FLAVOR = "flavor";

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
    public static Map<String, ComponentDefinition> read(Config tree, Config reference, String root, ComponentType<?> type,
                                                        Map<String, ? extends ComponentFlavor<?>> flavors,
                                                        Map<String, String> unusable, List<ConfigProblem> problems) {
        Map<String, ComponentDefinition> definitions = new LinkedHashMap<>();
        List<ConfigProblem> found = new ArrayList<>();
        checkDefaults(tree, reference, root, type, flavors, unusable, found);
        String section = type.type().section();
        if (tree.hasPath(section) && tree.getValue(section).valueType() == ConfigValueType.OBJECT) {
            ConfigObject entries = tree.getObject(section);
            for (String name : new TreeSet<>(entries.keySet())) {
                if (entries.get(name).valueType() == ConfigValueType.NULL) {
                    continue; // Set to null, as an application removes an entry a reference.conf ships.
                }
                String path = root + "." + section + "." + quoteKey(name);
                read(tree, reference, root, path, name, entries.get(name), type, flavors, unusable, found)
                        .ifPresent(definition -> definitions.put(name, definition));
            }
        } // Else absent, or checkValid reports the wrong type.
        problems.addAll(ComponentValues.scrub(found, ComponentValues.secretsInTree(root, tree.root())));
        return definitions;
    }

    /**
     * The unknown keys of the type's defaults, {@code <root>.<defaultsKey>}, and of its flavor-wide
     * settings, {@code <root>.<flavorsSection>.<flavor>}: what the {@code reference.conf} files
     * declare there is known, nothing else. The type's defaults may hold any key a flavor declares,
     * as they are the fallback of every flavor's components.
     */
    private static void checkDefaults(Config tree, Config reference, String root, ComponentType<?> type,
                                      Map<String, ? extends ComponentFlavor<?>> flavors, Map<String, String> unusable,
                                      List<ConfigProblem> problems) {
        StackComponentType kind = type.type();
        Set<String> core = UnknownKeys.objectAt(reference, kind.defaultsKey()).keySet();
        ConfigObject declared = UnknownKeys.objectAt(reference, kind.flavorsSection());
        Set<String> anyFlavor = new TreeSet<>(core);
        declared.forEach((flavor, section) -> anyFlavor.addAll(UnknownKeys.objectAt(
                ((ConfigObject) objectOrEmpty(section)).toConfig(), kind.defaultsKey()).keySet()));
        if (tree.hasPath(kind.defaultsKey()) && tree.getValue(kind.defaultsKey()).valueType() == ConfigValueType.OBJECT) {
            UnknownKeys.check(tree.getObject(kind.defaultsKey()), anyFlavor, root + "." + kind.defaultsKey(), "setting", problems);
        }
        ConfigObject configured = UnknownKeys.objectAt(tree, kind.flavorsSection());
        Set<String> knownFlavors = new TreeSet<>(declared.keySet());
        knownFlavors.addAll(flavors.keySet());
        knownFlavors.addAll(unusable.keySet());
        String flavorsPath = root + "." + kind.flavorsSection();
        UnknownKeys.check(configured, knownFlavors, flavorsPath, kind.id() + " flavor", problems);
        for (String flavor : new TreeSet<>(configured.keySet())) {
            if (!knownFlavors.contains(flavor) || !(configured.get(flavor) instanceof ConfigObject settings)) {
                continue;
            }
            String path = flavorsPath + "." + quoteKey(flavor);
            ConfigObject itsReference = (ConfigObject) objectOrEmpty(declared.get(flavor));
            Set<String> known = new TreeSet<>(itsReference.keySet());
            known.add(kind.defaultsKey());
            UnknownKeys.check(settings, known, path, "setting", problems);
            UnknownKeys.checkSections(settings, itsReference, Set.of(kind.defaultsKey()), path, problems);
            if (settings.get(kind.defaultsKey()) instanceof ConfigObject defaults) {
                UnknownKeys.check(defaults, knownEntryKeys(reference, kind, flavor, false), path + "." + kind.defaultsKey(),
                        "setting", problems);
            }
        }
    }

    /**
     * The keys a component of {@code flavor} may have: those of the type's defaults and of the
     * flavor's defaults in the {@code reference.conf} files, and {@code flavor} itself for an entry.
     */
    private static Set<String> knownEntryKeys(Config reference, StackComponentType kind, String flavor, boolean entry) {
        Set<String> known = new TreeSet<>(UnknownKeys.objectAt(reference, kind.defaultsKey()).keySet());
        known.addAll(UnknownKeys.objectAt(reference, kind.flavorsSection() + "." + quoteKey(flavor) + "." + kind.defaultsKey()).keySet());
        if (entry) {
            known.add(FLAVOR);
        }
        return known;
    }

    private static ConfigValue objectOrEmpty(ConfigValue value) {
        return value instanceof ConfigObject ? value : ConfigFactory.empty().root();
    }

    /**
     * Reads one entry, wherever it came from: config, or a host's map of settings.
     *
     * @param tree the resolved subtree at the root path, for the defaults
     * @param path the entry's path in messages; empty to report bare keys
     */
    public static Optional<ComponentDefinition> read(Config tree, Config reference, String path, String name, ConfigValue value,
                                                     ComponentType<?> type, Map<String, ? extends ComponentFlavor<?>> flavors,
                                                     Map<String, String> unusable, List<ConfigProblem> problems) {
        return read(tree, reference, null, path, name, value, type, flavors, unusable, problems);
    }

    /**
     * As the public per-entry read, with the config root (null if unknown) for the plugins-directory hint.
     * This is where every component of every type, registries included, is checked for keys that its
     * type and flavor do not declare.
     */
    private static Optional<ComponentDefinition> read(Config tree, Config reference, String root, String path, String name,
                                                      ConfigValue value,
                                                      ComponentType<?> type, Map<String, ? extends ComponentFlavor<?>> flavors,
                                                      Map<String, String> unusable, List<ConfigProblem> problems) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            problems.add(new ConfigProblem(path, originOf(value, path),
                    "Expected an object " + type.shape() + ", found " + describe(path, value) + "."));
            return Optional.empty();
        }
        Config entry = ((ConfigObject) value).toConfig();
        String available = flavors.isEmpty() ? "none" : String.join(", ", new TreeSet<>(flavors.keySet()));
        String flavorPath = at(path, "flavor");
        if (!entry.hasPath(FLAVOR)) {
            problems.add(new ConfigProblem(flavorPath, originOf(value, path),
                    "Missing; expected the name of a flavor, one of: " + available + "."));
            // Without a flavor its keys are unknown, so only a key that looks like a typo of 'flavor' is named.
            ConfigObject object = (ConfigObject) value;
            for (String key : new TreeSet<>(object.keySet())) {
                if (UnknownKeys.closest(key, Set.of(FLAVOR)).isPresent()) {
                    UnknownKeys.check(ConfigFactory.empty().root().withValue(key, object.get(key)), Set.of(FLAVOR), path,
                            "setting", problems);
                }
            }
            return Optional.empty();
        }
        ConfigValue flavorValue = entry.getValue(FLAVOR);
        if (flavorValue.valueType() != ConfigValueType.STRING) {
            problems.add(new ConfigProblem(flavorPath, originOf(flavorValue, flavorPath),
                    "Expected a string, the name of a flavor, one of: " + available + "; found " + describe(flavorPath, flavorValue) + "."));
            return Optional.empty();
        }
        String flavorName = (String) flavorValue.unwrapped();
        ComponentFlavor<?> flavor = flavors.get(flavorName);
        if (flavor == null) {
            String message = unusable.containsKey(flavorName) ? unusable.get(flavorName)
                    : "Unknown flavor '" + flavorName + "'. Available: " + available + ". "
                            + FlavorInstallHint.of(flavorName, type.artifactOf(flavorName), root);
            problems.add(new ConfigProblem(flavorPath, originOf(flavorValue, flavorPath), message));
            return Optional.empty();
        }
        StackComponentType kind = type.type();
        int before = problems.size();
        UnknownKeys.check((ConfigObject) value, knownEntryKeys(reference, kind, flavorName, true), path, "setting", problems);
        boolean unknownKeys = problems.size() > before;
        String flavorDefaults = kind.flavorsSection() + "." + quoteKey(flavorName) + "." + kind.defaultsKey();
        Config withDefaults = entry
                .withFallback(objectAt(tree, flavorDefaults))
                .withFallback(objectAt(tree, kind.defaultsKey()));
        // Where each layer's keys are, for the origin of a problem: the entry, then the flavor's defaults and the type's.
        Map<String, Config> layers = new LinkedHashMap<>();
        layers.put(path, entry);
        layers.put(root == null ? flavorDefaults : root + "." + flavorDefaults, objectAt(tree, flavorDefaults));
        layers.put(root == null ? kind.defaultsKey() : root + "." + kind.defaultsKey(), objectAt(tree, kind.defaultsKey()));
        ComponentSettings settings = new ComponentSettings(name, flavorName, withDefaults);
        List<SettingProblem> found;
        try {
            found = flavor.check(settings);
        } catch (dev.hoist.spi.HoistException failed) {
            found = List.of(new SettingProblem("flavor", failed.getMessage()));
        }
        for (SettingProblem problem : found) {
            problems.add(new ConfigProblem(at(path, problem.key()), originOfKey(layers, problem.key(), value, path),
                    problem.message()));
        }
        return found.isEmpty() && !unknownKeys ? Optional.of(new ComponentDefinition(settings, originOf(value, path))) : Optional.empty();
    }

    /**
     * Checks settings from a map as {@link #read} checks a config entry, reporting bare keys.
     *
     * @param root the root path of the config whose defaults the settings take, such as {@code hoist}; the
     *        exception's message names it
     * @throws HoistConfigException listing every problem, each with its key
     */
    public static ComponentDefinition fromMap(String root, Config tree, Config reference, ComponentType<?> type, String name, String flavor,
                                              Map<String, ?> settings, Map<String, ? extends ComponentFlavor<?>> flavors,
                                              Map<String, String> unusable) {
        Map<String, Object> entry = new LinkedHashMap<>(settings);
        entry.put(FLAVOR, flavor);
        String origin = "settings of " + type.type().id() + " '" + name + "'";
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        ConfigValue value;
        try {
            value = ConfigValueFactory.fromMap(entry, origin);
        } catch (ConfigException.BugOrBroken | IllegalArgumentException unconvertible) {
            // Typesafe's message quotes the value, which may be a secret: name the key and the class instead.
            throw new HoistConfigException(root, List.of(new ConfigProblem(unconvertibleKey(entry, ""), origin,
                    "Cannot read this setting as a config value: " + unconvertibleClass(entry)
                            + " is not a string, number, boolean, list or map.")));
        }
        Optional<ComponentDefinition> definition = read(tree, reference, "", name, value, type, flavors, unusable, problems);
        if (!problems.isEmpty()) {
            List<String> secrets = new ArrayList<>(ComponentValues.secretsIn("", value));
            secrets.addAll(ComponentValues.secretsInTree("", tree.root()));
            throw new HoistConfigException(root, ComponentValues.scrub(problems, secrets));
        }
        return definition.orElseThrow();
    }

    /** The path of the first value in a settings map that config cannot hold, or {@code (settings)}. */
    private static String unconvertibleKey(Map<?, ?> settings, String prefix) {
        for (Map.Entry<?, ?> e : settings.entrySet()) {
            String key = prefix + e.getKey();
            Object value = e.getValue();
            if (value instanceof Map<?, ?> nested) {
                String inner = unconvertibleKey(nested, key + ".");
                if (!inner.equals("(settings)")) {
                    return inner;
                }
            } else if (!convertible(value)) {
                return key;
            }
        }
        return "(settings)";
    }

    private static String unconvertibleClass(Map<?, ?> settings) {
        for (Object value : settings.values()) {
            if (value instanceof Map<?, ?> nested) {
                String inner = unconvertibleClass(nested);
                if (!inner.equals("a value")) {
                    return inner;
                }
            } else if (!convertible(value)) {
                return value == null ? "a value" : "a " + value.getClass().getName();
            }
        }
        return "a value";
    }

    private static boolean convertible(Object value) {
        try {
            ConfigValueFactory.fromAnyRef(value);
            return true;
        } catch (RuntimeException unconvertible) {
            return false;
        }
    }

    private static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Where a key of an entry was set, as {@link ComponentValues#originOf(ConfigValue, String)} names it: in the
     * first of {@code layers} (a path and its object: the entry, then its defaults) that holds it; for a key that
     * is missing, where its nearest enclosing object was set, else the entry.
     */
    private static String originOfKey(Map<String, Config> layers, String key, ConfigValue entryValue, String path) {
        try {
            String probe = key;
            while (!probe.isEmpty()) {
                for (Map.Entry<String, Config> layer : layers.entrySet()) {
                    if (layer.getValue().hasPath(probe)) {
                        return originOf(layer.getValue().getValue(probe), at(layer.getKey(), probe));
                    }
                }
                int dot = probe.lastIndexOf('.');
                probe = dot < 0 ? "" : probe.substring(0, dot);
            }
        } catch (RuntimeException unparseable) {
            // A key that is no valid path: report at the entry.
        }
        return originOf(entryValue, path);
    }

    private static Config objectAt(Config tree, String path) {
        return tree.hasPath(path) && tree.getValue(path).valueType() == ConfigValueType.OBJECT
                ? tree.getConfig(path) : ConfigFactory.empty();
    }
}
