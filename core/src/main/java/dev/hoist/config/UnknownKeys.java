package dev.hoist.config;

import static dev.hoist.config.ComponentValues.originOf;
import static dev.hoist.config.ComponentValues.quoteKey;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds keys that Hoist does not read, in an object whose keys Hoist defines. The known keys come
 * from the {@code reference.conf} files (see {@link HoistConfig#reference}), never from a list in
 * code. A problem names the key, where it was set and, when one is near, the known key it was
 * probably meant to be; it never shows the value, which may be a misplaced secret.
 *
 * <p>A key set by a system property ({@code -Dhoist.…}) is refused the same way when it is near a known key (a
 * typo); one near no known key is logged at WARN and ignored, since build tools pass properties of their own
 * under {@code hoist.} (such as a pom's {@code hoist.version}) to the JVMs they start.
 */
public final class UnknownKeys {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UnknownKeys.class);

    private UnknownKeys() {
    }

    /**
     * Reports each key of {@code actual} that is not in {@code known}.
     *
     * @param actual the object as configured
     * @param known the keys Hoist reads there
     * @param path the path of {@code actual} for messages; empty to report bare keys
     * @param what what the keys are, for messages: {@code setting}, {@code flavor}, {@code component type}
     * @param problems where problems are added
     */
    public static void check(ConfigObject actual, Collection<String> known, String path, String what,
                             List<ConfigProblem> problems) {
        for (String key : new TreeSet<>(actual.keySet())) {
            if (!known.contains(key)) {
                ConfigValue value = actual.get(key);
                if (ComponentValues.isSystemProperty(value.origin()) && closest(key, known).isEmpty()) {
                    // Build tools pass their own hoist.* properties to JVMs (a pom's hoist.version given as
                    // -Dhoist.version on mvn's command line reaches every test JVM); one near no setting is theirs.
                    LOG.warn("Ignoring {}: Hoist has no {} '{}' there, and none near it.",
                            originOf(value, at(path, quoteKey(key))), what, key);
                    continue;
                }
                problems.add(new ConfigProblem(at(path, quoteKey(key)), originOf(value, at(path, quoteKey(key))),
                        message(key, known, what)));
            }
        }
    }

    /**
     * As {@link #check}, then {@link #checkSections}.
     *
     * @param actual the object as configured
     * @param reference the same object in the {@code reference.conf} files
     * @param path the path of {@code actual} for messages
     * @param problems where problems are added
     */
    public static void checkTree(ConfigObject actual, ConfigObject reference, String path, List<ConfigProblem> problems) {
        check(actual, reference.keySet(), path, "setting", problems);
        for (String key : new TreeSet<>(actual.keySet())) {
            ConfigValue theirs = reference.get(key);
            if (theirs != null && theirs.valueType() != ConfigValueType.NULL && !(theirs instanceof ConfigObject)
                    && actual.get(key).valueType() == ConfigValueType.NULL) {
                // Typesafe's checkValid lets null stand anywhere; a setting with a default needs a value.
                problems.add(new ConfigProblem(at(path, quoteKey(key)), originOf(actual.get(key), at(path, quoteKey(key))),
                        "Expected a " + theirs.valueType().name().toLowerCase(Locale.ROOT) + ", like its default "
                                + theirs.render(com.typesafe.config.ConfigRenderOptions.concise())
                                + "; found null. Remove the line to keep the default."));
            }
        }
        checkSections(actual, reference, Set.of(), path, problems);
    }

    /**
     * {@link #checkTree} for each known key whose reference value is a non-empty object and whose
     * configured value is an object too: the settings of a section such as {@code docker}. An empty
     * object in {@code reference.conf} is a map by name ({@code stacks {}}), whose keys are the
     * user's own; a key whose reference value is not an object is not looked into.
     *
     * @param actual the object as configured
     * @param reference the same object in the {@code reference.conf} files
     * @param skip keys of {@code actual} checked elsewhere, not looked into here
     * @param path the path of {@code actual} for messages
     * @param problems where problems are added
     */
    public static void checkSections(ConfigObject actual, ConfigObject reference, Set<String> skip, String path,
                                     List<ConfigProblem> problems) {
        for (String key : new TreeSet<>(actual.keySet())) {
            if (skip.contains(key) || !reference.containsKey(key)) {
                continue;
            }
            ConfigValue mine = actual.get(key);
            ConfigValue theirs = reference.get(key);
            if (theirs instanceof ConfigObject section && !section.isEmpty() && mine instanceof ConfigObject object) {
                checkTree(object, section, at(path, quoteKey(key)), problems);
            } else if (theirs instanceof ConfigObject section && !section.isEmpty() && mine.valueType() == ConfigValueType.NULL) {
                problems.add(new ConfigProblem(at(path, quoteKey(key)), originOf(mine, at(path, quoteKey(key))),
                        "Expected an object of settings, { " + String.join(", ", new TreeSet<>(section.keySet()))
                                + " }; found null. Remove the line to keep the defaults."));
            }
        }
    }

    /**
     * The object at {@code path} of a config, or an empty object when there is none or it is not an object.
     *
     * @param config a config
     * @param path a config path
     */
    public static ConfigObject objectAt(Config config, String path) {
        try {
            if (config.hasPath(path) && config.getValue(path).valueType() == ConfigValueType.OBJECT) {
                return config.getObject(path);
            }
        } catch (RuntimeException unparseable) {
            // A path that is no valid path: nothing there.
        }
        return com.typesafe.config.ConfigFactory.empty().root();
    }

    /** The message for an unknown key: the closest known key when one is near, else the known keys. */
    static String message(String key, Collection<String> known, String what) {
        Optional<String> near = closest(key, known);
        String unknown = "Unknown " + what + " '" + key + "'" + (what.endsWith("setting") ? "; Hoist does not read it." : ".");
        if (near.isPresent()) {
            return unknown + " Did you mean '" + near.get() + "'?";
        }
        return unknown + (known.isEmpty() ? " None is known here." : " Known here: " + String.join(", ", new TreeSet<>(known)) + ".");
    }

    /**
     * The known key nearest to {@code key}, if it is near enough to be a typo of it: the same key
     * written in camelCase or snake_case, or within an edit distance of a third of its length
     * (at most 3), counting a swap of two neighbouring letters as one edit.
     *
     * @param key the unknown key
     * @param known the known keys
     * @return the nearest known key, if one is near
     */
    public static Optional<String> closest(String key, Collection<String> known) {
        String normal = normal(key);
        int limit = Math.max(1, Math.min(3, normal.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) {
            int distance = distance(normal, normal(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Lower-case kebab-case: {@code pushTimeout} and {@code push_timeout} read as {@code push-timeout}. */
    private static String normal(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
