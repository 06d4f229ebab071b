package dev.hoist.config;

import static dev.hoist.config.ComponentValues.describe;
import static dev.hoist.config.ComponentValues.originOf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads the keys of one config section, turning a missing or unreadable value into a problem at the key's own
 * path, with the origin of the value and what is expected. The one copy of that rule: Hoist's own sections
 * ({@link HoistConfig}), the registry-API transport's settings and every registry's common settings
 * ({@link RegistrySettingChecks}) read their keys with it.
 *
 * <p>Messages read {@code Missing; expected <what>.} and {@code Expected <what>; found <type> <value>.}; a
 * credential's value is never shown (see {@link ComponentValues#describe}).
 */
public final class KeyReader {

    /** Where a reader puts each problem it finds. */
    @FunctionalInterface
    public interface Problems {

        /**
         * Takes one problem.
         *
         * @param path the key's path: the section's path, a dot, then the key; the key alone for a section at
         *        {@code ""}
         * @param origin where the value was set, {@code file:line} or {@code system property -D<path>} (see
         *        {@link ComponentValues#originOf(ConfigValue, String)}); for a missing key, where its section was set
         * @param message what is wrong and what is expected, one sentence ending with a full stop
         */
        void add(String path, String origin, String message);
    }

    private final Config section;
    private final String path;
    private final Problems problems;

    /**
     * A reader of {@code section}'s keys.
     *
     * @param section the section's object; its keys are read relative to it
     * @param path the section's path for messages, such as {@code hoist.registry-api}, or {@code ""} to name
     *        each key alone (as a component's own settings are named)
     * @param problems where problems go
     */
    public KeyReader(Config section, String path, Problems problems) {
        this.section = Objects.requireNonNull(section, "section");
        this.path = Objects.requireNonNull(path, "path");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /**
     * A reader that adds a {@link ConfigProblem} to {@code problems} for each problem it finds.
     *
     * @param section the section's object
     * @param path the section's path for messages, such as {@code hoist.docker}
     * @param problems the list problems are added to
     * @return the reader
     */
    public static KeyReader into(Config section, String path, List<ConfigProblem> problems) {
        Objects.requireNonNull(problems, "problems");
        return new KeyReader(section, path, (at, origin, message) -> problems.add(new ConfigProblem(at, origin, message)));
    }

    /**
     * The path of a key of this section, as messages name it.
     *
     * @param key a key of the section, such as {@code connect-timeout}
     * @return {@code <section path>.<key>}, or the key alone for a section at {@code ""}
     */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Reads a key that must be there. A missing key is a problem ({@code Missing; expected ...}); a value the
     * getter refuses, {@code null} included, is one too ({@code Expected ...; found ...}).
     *
     * @param <T> the value's type
     * @param key the key, relative to the section
     * @param getter reads the key from the section, such as {@code section::getDuration}; throws a
     *        {@link ConfigException} for a value it cannot read
     * @param expected what the key holds, for messages, such as {@code "a whole number from 1 to 64"}
     * @return the value, or {@code null} when a problem was added
     */
    public <T> T require(String key, Function<String, T> getter, String expected) {
        if (!section.hasPathOrNull(key)) {
            problems.add(path(key), originOf(section.root(), path), "Missing; expected " + expected + ".");
            return null;
        }
        return get(key, getter, expected);
    }

    /**
     * Reads a key that another check (such as {@code checkValid} against a {@code reference.conf}) requires:
     * a missing or {@code null} key gives {@code null} and no problem; a value the getter refuses is a problem
     * ({@code Expected ...; found ...}).
     *
     * @param <T> the value's type
     * @param key the key, relative to the section
     * @param getter reads the key from the section; throws a {@link ConfigException} for a value it cannot read
     * @param expected what the key holds, for messages, such as {@code "a duration, like 30s or 5m"}
     * @return the value, or {@code null} when it is missing or a problem was added
     */
    public <T> T optional(String key, Function<String, T> getter, String expected) {
        if (!section.hasPath(key)) {
            return null;
        }
        return get(key, getter, expected);
    }

    /**
     * Reads a key that must hold a string, and nothing a string could be read from (a number or a boolean is
     * refused). A missing or {@code null} key is a problem ({@code Missing; expected ...}), as is a value of
     * another type ({@code Expected a string, ...; found ...}).
     *
     * @param key the key, relative to the section
     * @param expected what the string is, for messages, such as {@code "the registry user name"}
     * @return the string, or {@code null} when a problem was added
     */
    public String string(String key, String expected) {
        if (!section.hasPath(key)) {
            problems.add(path(key), originOf(section.root(), path), "Missing; expected " + expected + ".");
            return null;
        }
        ConfigValue value = section.getValue(key);
        if (value.valueType() != ConfigValueType.STRING) {
            refused(key, value, "a string, " + expected);
            return null;
        }
        return (String) value.unwrapped();
    }

    /**
     * Adds a problem at a key that is there, with its origin.
     *
     * @param key the key, relative to the section; it must hold a value
     * @param message what is wrong and what is expected
     */
    public void problem(String key, String message) {
        problems.add(path(key), originOf(section.getValue(key), path(key)), message);
    }

    private <T> T get(String key, Function<String, T> getter, String expected) {
        try {
            return getter.apply(key);
        } catch (ConfigException wrong) {
            refused(key, section.root().get(key), expected);
            return null;
        }
    }

    private void refused(String key, ConfigValue value, String expected) {
        // A dotted key's value is not a child of the root: look it up by path then.
        ConfigValue found = value != null ? value : section.getValue(key);
        problems.add(path(key), originOf(found, path(key)), "Expected " + expected + "; found "
                + (found.valueType() == ConfigValueType.NULL ? "null" : describe(path(key), found)) + ".");
    }
}
