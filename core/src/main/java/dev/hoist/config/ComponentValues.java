package dev.hoist.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How config values and their origins read in problem messages. Every message that shows a
 * config value goes through {@link #describe(String, ConfigValue)}, which never renders the
 * value of a setting that is, or sits inside, a credential (see {@link #isSecretPath}).
 */
public final class ComponentValues {

    /** A key named like a credential: {@code password}, {@code password-file}, {@code token}, {@code client-secret}, ... */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(passw(or)?d|passphrase|token|secret|api-?key|private-?key).*");

    /** Longer renderings are cut: a message names a value, it does not reproduce a config file. */
    private static final int MAX_RENDERED = 80;

    private ComponentValues() {
    }

    /**
     * Whether a setting at this path holds, or sits inside, a credential: an element is
     * {@code credentials}, or the last element, the setting's own key, is named like a password,
     * token or secret. Other elements are not judged by their names: they are sections and the
     * user's own names of registries, components and stacks ({@code hoist.registries.token.uri}
     * is no credential).
     *
     * @param path a config path, absolute ({@code hoist.registries.a.credentials.password}) or relative
     *     ({@code credentials}); elements may be quoted
     */
    public static boolean isSecretPath(String path) {
        String[] elements = path.split("\\.");
        for (int i = 0; i < elements.length; i++) {
            String key = elements[i].replace("\"", "").strip();
            if (key.equalsIgnoreCase("credentials") || (i == elements.length - 1 && SECRET_KEY.matcher(key).matches())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a key is named like a credential, {@code password}, {@code token}, {@code client-secret}, ... */
    private static boolean isSecretKey(String key) {
        String bare = key.replace("\"", "").strip();
        return bare.equalsIgnoreCase("credentials") || SECRET_KEY.matcher(bare).matches();
    }

    /**
     * The value's type and, unless it may be a secret, its concise rendering: {@code string "x"},
     * {@code list [1]}; {@code string (value not shown: credential setting)} for a credential, or
     * for an object or list holding a key named like one.
     *
     * @param path where the value is, absolute or relative, to tell whether it is a credential
     * @param value the value
     */
    public static String describe(String path, ConfigValue value) {
        String type = value.valueType().name().toLowerCase(Locale.ROOT);
        if (isSecretValue(path, value) || holdsSecretKey(value)) {
            return type + " (value not shown: credential setting)";
        }
        String rendered = value.render(ConfigRenderOptions.concise());
        return type + " " + (rendered.length() > MAX_RENDERED ? rendered.substring(0, MAX_RENDERED) + "..." : rendered);
    }

    /**
     * Whether the value at {@code path} is a credential: it sits under {@code credentials}, or its own key
     * is named like a secret. An object there is a credential too, unless its key is a name the user gave a
     * registry, stack or flavor ({@code hoist.registries.token}): then what it holds is judged by its own keys.
     */
    private static boolean isSecretValue(String path, ConfigValue value) {
        if (path.isEmpty() || !isSecretPath(path)) {
            return false;
        }
        // A last element that is a user's name: the path counts only for a 'credentials' element in it.
        return !(value instanceof ConfigObject) || !isName(path) || isSecretPath(path + ".setting");
    }

    /** Sections of Hoist's tree whose keys are the user's names (of registries, stacks, flavors), not settings. */
    private static final Set<String> NAME_SECTIONS = Set.of("registries", "stacks", "flavors");

    /** Whether the last element of {@code path} is a name in one of {@link #NAME_SECTIONS}. */
    private static boolean isName(String path) {
        String[] elements = path.split("\\.");
        return elements.length >= 2 && NAME_SECTIONS.contains(elements[elements.length - 2].replace("\"", "").strip());
    }

    /** Whether an object or list holds a key named like a credential, at any depth: its rendering is not shown. */
    private static boolean holdsSecretKey(ConfigValue value) {
        if (value instanceof ConfigObject object) {
            return object.entrySet().stream().anyMatch(e -> isSecretKey(e.getKey()) || holdsSecretKey(e.getValue()));
        }
        if (value instanceof ConfigList list) {
            return list.stream().anyMatch(ComponentValues::holdsSecretKey);
        }
        return false;
    }

    /**
     * The text of every scalar under a credential in {@code value}, to keep out of messages
     * that Hoist does not write itself (Typesafe's, a flavor's): every scalar under a key named
     * {@code credentials} or like a secret. For Hoist's whole tree, use {@link #secretsInTree}.
     *
     * @param path the path of {@code value}
     * @param value a subtree, such as one component's settings
     * @return the secret texts, longest first
     */
    public static List<String> secretsIn(String path, ConfigValue value) {
        List<String> found = new ArrayList<>();
        collectSecrets(isSecretPath(path), value, 0, NO_NAMES, "", found);
        found.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return found;
    }

    /**
     * As {@link #secretsIn}, for Hoist's settings at the root path ({@code registries}, {@code stacks},
     * {@code flavors}, {@code docker}, ...). The keys one level inside those sections are mostly the user's
     * own names of registries, components and stacks (and flavors' names): such a key holding an object
     * is a name, and never makes its settings secret ({@code hoist.registries.token { uri = ... }});
     * holding anything else, it is a setting ({@code hoist.docker.password = ...}) and is judged by its name.
     *
     * @param root the root path, such as {@code hoist}; its elements are the host's, never secret
     * @param tree the object at the root path
     * @return the secret texts, longest first
     */
    public static List<String> secretsInTree(String root, ConfigValue tree) {
        List<String> found = new ArrayList<>();
        collectSecrets(false, tree, 0, NAMES_DEPTH, "", found);
        found.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return found;
    }

    /** The depth, in Hoist's tree, of the names of registries, components, stacks and flavors: root.section.name. */
    private static final int NAMES_DEPTH = 2;

    /** No depth holds names. */
    private static final int NO_NAMES = -1;

    /** Sections of Hoist's tree whose keys are settings, never names, whatever they hold. */
    private static final Set<String> SETTING_SECTIONS = Set.of("docker", "auth", "plugins", "registry-api",
            "registry-defaults");

    /**
     * @param section the key at depth 1 (the section) of what {@code value} is in, or empty above it
     */
    private static void collectSecrets(boolean secret, ConfigValue value, int depth, int namesDepth, String section,
                                       List<String> found) {
        if (value instanceof ConfigObject object) {
            object.forEach((key, child) -> {
                boolean aName = depth + 1 == namesDepth && child instanceof ConfigObject
                        && !key.equalsIgnoreCase("credentials") && !SETTING_SECTIONS.contains(section);
                collectSecrets(secret || (!aName && isSecretKey(key)), child, depth + 1, namesDepth,
                        depth == 0 ? key : section, found);
            });
        } else if (value instanceof ConfigList list) {
            list.forEach(child -> collectSecrets(secret, child, depth, namesDepth, section, found));
        } else if (secret && value.unwrapped() != null) {
            String text = String.valueOf(value.unwrapped());
            // Shorter texts would blank out ordinary words of a message; they are no secret worth the name.
            if (text.length() >= 4 && !found.contains(text)) {
                found.add(text);
            }
        }
    }

    /**
     * The problems with every text of {@code secrets} replaced by {@code <hidden>}.
     *
     * @param problems problems whose messages may quote Typesafe's or a flavor's rendering of a value
     * @param secrets texts from {@link #secretsIn}
     */
    public static List<ConfigProblem> scrub(List<ConfigProblem> problems, List<String> secrets) {
        if (secrets.isEmpty()) {
            return problems;
        }
        List<ConfigProblem> scrubbed = new ArrayList<>(problems.size());
        for (ConfigProblem problem : problems) {
            scrubbed.add(new ConfigProblem(problem.path(), scrub(problem.origin(), secrets), scrub(problem.message(), secrets)));
        }
        return scrubbed;
    }

    /** {@code text} with every text of {@code secrets} replaced by {@code <hidden>}. */
    public static String scrub(String text, List<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "<hidden>");
        }
        return result;
    }

    /** {@code file:line} where a value came from, or the origin's own description when it has no file. */
    public static String originOf(ConfigOrigin origin) {
        if (origin == null) {
            return "(unknown origin)";
        }
        String where = origin.filename() != null ? origin.filename()
                : origin.url() != null ? origin.url().toString()
                : origin.resource() != null ? origin.resource() : null;
        if (where == null) {
            return origin.description();
        }
        return origin.lineNumber() > 0 ? where + ":" + origin.lineNumber() : where;
    }

    /** Typesafe's description of the origin of a value set by a system property. */
    private static final String SYSTEM_PROPERTIES = "system properties";

    /**
     * Where the value at {@code path} was set, as every config problem names it: {@code file:line}, or for a
     * value set by a system property the property itself, {@code system property -Dhoist.docker.host}. An object
     * made by system properties is named by its path, {@code system properties -Dhoist.registries.prod.*}.
     *
     * @param value the value
     * @param path the value's absolute path, such as {@code hoist.docker.host}; elements may be quoted
     * @return the origin as problems name it
     */
    public static String originOf(ConfigValue value, String path) {
        if (value instanceof ConfigObject && isSystemProperty(value.origin())) {
            return "system properties -D" + propertyName(path) + ".*";
        }
        return originOf(value.origin(), path);
    }

    /**
     * As {@link #originOf(ConfigValue, String)}, for a value known only by its origin (such as one Typesafe's
     * {@code checkValid} reports): {@code system property -D<path>} for a system property, else {@link #originOf}.
     *
     * @param origin the value's origin
     * @param path the value's absolute path
     * @return the origin as problems name it
     */
    public static String originOf(ConfigOrigin origin, String path) {
        return isSystemProperty(origin) ? "system property -D" + propertyName(path) : originOf(origin);
    }

    /** Whether a value was set by a system property (Typesafe describes every such origin the same way). */
    public static boolean isSystemProperty(ConfigOrigin origin) {
        return origin != null && origin.filename() == null && origin.url() == null && origin.resource() == null
                && SYSTEM_PROPERTIES.equals(origin.description());
    }

    /** A config path as a system property names it: its elements joined by dots, unquoted. */
    private static String propertyName(String path) {
        try {
            return String.join(".", ConfigUtil.splitPath(path));
        } catch (RuntimeException notAPath) {
            return path;
        }
    }

    /** A key as one path element, quoted when it holds characters HOCON paths do not allow bare. */
    public static String quoteKey(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }
}
