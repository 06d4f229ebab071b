package dev.hoist.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235 §4.1): a scheme and its parameters, for
 * example {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull"}.
 * Parameter names are lower-cased; quoted values are unescaped. Shared by {@code hoist auth}'s probe and the
 * registry-API transport.
 */
public record Challenge(String scheme, Map<String, String> params) {

    /** Whether the scheme is {@code name}, ignoring case. */
    public boolean is(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    /** A parameter by its lower-case name. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** The {@code scope} parameter split on spaces (the token spec allows several scopes in one value). */
    public List<String> scopes() {
        return param("scope").map(s -> List.of(s.trim().split("\\s+"))).orElse(List.of()).stream()
                .filter(s -> !s.isEmpty()).toList();
    }

    /** Parses every challenge in the given header values; unreadable ones are left out. */
    public static List<Challenge> parseAll(List<String> headerValues) {
        List<Challenge> all = new ArrayList<>();
        for (String value : headerValues) {
            parse(value).ifPresent(all::add);
        }
        return all;
    }

    /** Parses one header value holding one challenge. */
    public static Optional<Challenge> parse(String header) {
        String text = header.strip();
        int space = text.indexOf(' ');
        String scheme = space < 0 ? text : text.substring(0, space);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = space < 0 ? text.length() : space + 1;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                i++;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String key = text.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            i = equals + 1;
            StringBuilder value = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < text.length() && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            params.putIfAbsent(key, value.toString().strip());
        }
        return Optional.of(new Challenge(scheme, Map.copyOf(params)));
    }
}
