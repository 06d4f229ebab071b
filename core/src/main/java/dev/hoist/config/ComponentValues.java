package dev.hoist.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
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
     * Whether a setting at this path holds, or sits inside, a credential: any element is
     * {@code credentials}, or is named like a password, token or secret.
     *
     * @param path a config path, absolute ({@code hoist.registries.a.credentials.password}) or relative
     *     ({@code credentials}); elements may be quoted
     */
    public static boolean isSecretPath(String path) {
        for (String element : path.split("\\.")) {
            String key = element.replace("\"", "").strip();
            if (key.equalsIgnoreCase("credentials") || SECRET_KEY.matcher(key).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value's type and, unless it may be a secret, its concise rendering: {@code string "x"},
     * {@code list [1]}; {@code string (value not shown: credential setting)} for a credential, or
     * for an object or list holding one.
     *
     * @param path where the value is, absolute or relative, to tell whether it is a credential
     * @param value the value
     */
    public static String describe(String path, ConfigValue value) {
        String type = value.valueType().name().toLowerCase(Locale.ROOT);
        if (isSecretPath(path) || holdsSecretKey(value)) {
            return type + " (value not shown: credential setting)";
        }
        String rendered = value.render(ConfigRenderOptions.concise());
        return type + " " + (rendered.length() > MAX_RENDERED ? rendered.substring(0, MAX_RENDERED) + "..." : rendered);
    }

    private static boolean holdsSecretKey(ConfigValue value) {
        if (value instanceof ConfigObject object) {
            return object.entrySet().stream().anyMatch(e -> isSecretPath(e.getKey()) || holdsSecretKey(e.getValue()));
        }
        if (value instanceof ConfigList list) {
            return list.stream().anyMatch(ComponentValues::holdsSecretKey);
        }
        return false;
    }

    /**
     * The text of every scalar under a credential path in {@code value}, to keep out of messages
     * that Hoist does not write itself (Typesafe's, a flavor's).
     *
     * @param path the path of {@code value}
     * @param value a subtree, such as the one at the root path
     * @return the secret texts, longest first
     */
    public static List<String> secretsIn(String path, ConfigValue value) {
        List<String> found = new ArrayList<>();
        collectSecrets(isSecretPath(path), value, found);
        found.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return found;
    }

    private static void collectSecrets(boolean secret, ConfigValue value, List<String> found) {
        if (value instanceof ConfigObject object) {
            object.forEach((key, child) -> collectSecrets(secret || isSecretPath(key), child, found));
        } else if (value instanceof ConfigList list) {
            list.forEach(child -> collectSecrets(secret, child, found));
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

    /** A key as one path element, quoted when it holds characters HOCON paths do not allow bare. */
    public static String quoteKey(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }
}
