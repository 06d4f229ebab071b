package dev.hoist.config;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.Locale;

/** How config values and their origins read in problem messages. */
public final class ComponentValues {

    private ComponentValues() {
    }

    /** The value's type and its concise rendering, such as {@code string "x"}. */
    public static String describe(ConfigValue value) {
        return value.valueType().name().toLowerCase(Locale.ROOT) + " " + value.render(ConfigRenderOptions.concise());
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
