package dev.hoist.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** One flat JSON object on one line: all the CLI's --json output needs. */
final class Json {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    static Json object() {
        return new Json();
    }

    /** Adds a field; values are strings, booleans, numbers or null. */
    Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, field.getKey());
            out.append(':');
            Object value = field.getValue();
            if (value == null) {
                out.append("null");
            } else if (value instanceof Boolean || value instanceof Number) {
                out.append(value);
            } else {
                quote(out, value.toString());
            }
        }
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
