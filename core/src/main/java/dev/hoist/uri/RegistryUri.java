package dev.hoist.uri;

import dev.hoist.spi.InvalidRegistryUriException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry URI checked against the rules every flavor shares: a reference <em>name</em>
 * under the distribution grammar, {@code [host[:port]/]path}, with no scheme, tag or digest.
 *
 * <p>Flavors parse with {@link #parse} and then apply their own, narrower rules to the parts.
 * Parsing is a single left-to-right pass, so hostile input costs linear time.
 */
public final class RegistryUri {

    private final String host;
    private final Integer port;
    private final List<String> path;

    private RegistryUri(String host, Integer port, List<String> path) {
        this.host = host;
        this.port = port;
        this.path = List.copyOf(path);
    }

    /**
     * Parses a registry URI.
     *
     * @throws InvalidRegistryUriException saying what is wrong, where, and what was probably meant
     */
    public static RegistryUri parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidRegistryUriException(String.valueOf(raw), "The registry URI is empty.", null);
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isWhitespace(raw.charAt(i))) {
                throw new InvalidRegistryUriException(raw,
                        "Registry URI '" + raw + "' contains whitespace at position " + i + ".",
                        stripTrailingSlashes(raw.strip().replaceAll("\\s+", "")));
            }
        }
        int schemeEnd = raw.indexOf("://");
        if (schemeEnd >= 0) {
            String rest = stripTrailingSlashes(raw.substring(schemeEnd + 3));
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has a scheme ('"
                    + raw.substring(0, schemeEnd + 3) + "'); registry URIs name a host and path only.",
                    rest.isEmpty() ? null : rest);
        }
        String uri = stripTrailingSlashes(raw);
        if (uri.isEmpty()) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has nothing but slashes.", null);
        }
        int at = uri.indexOf('@');
        if (at >= 0) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' carries a digest ('"
                    + uri.substring(at) + "'); a registry URI names a place, not an image.",
                    stripTrailingSlashes(uri.substring(0, at)));
        }

        String[] parts = uri.split("/", -1);
        int first = 0;
        String host = null;
        Integer port = null;
        if (isHostElement(parts[0])) {
            String hostPort = parts[0];
            int portStart = hostPortSeparator(raw, hostPort);
            host = hostPort.substring(0, portStart < 0 ? hostPort.length() : portStart);
            checkHost(raw, host, parts.length == 1 ? null : uri);
            if (portStart >= 0) {
                port = parsePort(raw, hostPort.substring(portStart + 1), parts.length == 1);
            }
            first = 1;
        }
        List<String> path = new java.util.ArrayList<>();
        int offset = first == 1 ? parts[0].length() + 1 : 0;
        for (int i = first; i < parts.length; i++) {
            checkPathComponent(raw, uri, parts[i], offset, i == parts.length - 1);
            path.add(parts[i]);
            offset += parts[i].length() + 1;
        }
        if (host == null && path.isEmpty()) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' names no host and no path.", null);
        }
        return new RegistryUri(host == null ? null : host.toLowerCase(Locale.ROOT), port, path);
    }

    /** Strips the trailing {@code /} characters, as every flavor's normal form does. */
    public static String stripTrailingSlashes(String uri) {
        int end = uri.length();
        while (end > 0 && uri.charAt(end - 1) == '/') {
            end--;
        }
        return uri.substring(0, end);
    }

    /** The distribution rule: the first element is a host when it has '.' or ':', is 'localhost', or has upper case. */
    static boolean isHostElement(String element) {
        return element.indexOf('.') >= 0 || element.indexOf(':') >= 0 || element.equals("localhost")
                || !element.equals(element.toLowerCase(Locale.ROOT));
    }

    private static int hostPortSeparator(String raw, String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new InvalidRegistryUriException(raw, "Registry URI '" + raw
                        + "' opens an IPv6 host with '[' but never closes it with ']'.", null);
            }
            if (close + 1 < hostPort.length() && hostPort.charAt(close + 1) != ':') {
                throw new InvalidRegistryUriException(raw, "Registry URI '" + raw
                        + "' has text after the IPv6 host that is not ':port'.", null);
            }
            return close + 1 < hostPort.length() ? close + 1 : -1;
        }
        return hostPort.indexOf(':');
    }

    private static void checkHost(String raw, String host, String uriWithPath) {
        if (host.startsWith("[")) {
            String address = host.substring(1, host.length() - 1);
            if (address.isEmpty() || !address.chars().allMatch(c -> c == ':' || c == '.' || isHex(c))
                    || address.indexOf(':') < 0) {
                throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has '" + host
                        + "' as host, which is not an IPv6 address.", null);
            }
            return;
        }
        if (host.isEmpty()) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has an empty host.", null);
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!isHostLabel(label)) {
                throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has host '" + host
                        + "', whose component '" + label + "' is not letters and digits, optionally joined by"
                        + " '-' inside (host components may not be empty or start or end with '-').", null);
            }
        }
    }

    private static boolean isHostLabel(String label) {
        if (label.isEmpty() || !isAsciiAlnum(label.charAt(0)) || !isAsciiAlnum(label.charAt(label.length() - 1))) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!isAsciiAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static Integer parsePort(String raw, String digits, boolean hostOnly) {
        boolean allDigits = !digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        int value = allDigits ? Integer.parseInt(digits) : -1;
        if (value < 1 || value > 65535) {
            String reason = digits.isEmpty()
                    ? "Registry URI '" + raw + "' has ':' but no port after it."
                    : "Registry URI '" + raw + "' has port '" + digits + "', but a port is a number from 1 to 65535.";
            if (hostOnly && !allDigits && !digits.isEmpty()) {
                reason += " A registry URI carries no tag.";
            }
            throw new InvalidRegistryUriException(raw, reason, null);
        }
        return value;
    }

    private static void checkPathComponent(String raw, String uri, String component, int offset, boolean last) {
        if (component.isEmpty()) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw
                    + "' has an empty path component at position " + offset + ".",
                    uri.replaceAll("/{2,}", "/"));
        }
        int colon = component.indexOf(':');
        if (colon >= 0) {
            String withoutTag = uri.substring(0, offset + colon);
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' carries a tag ('"
                    + component.substring(colon) + "'); a registry URI names a place, not an image.",
                    last ? withoutTag : null);
        }
        if (!component.equals(component.toLowerCase(Locale.ROOT))) {
            String lower = uri.substring(0, offset) + component.toLowerCase(Locale.ROOT) + uri.substring(offset + component.length());
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has path component '"
                    + component + "' with upper case; repository paths are lower case.", lower);
        }
        int bad = firstPathComponentError(component);
        if (bad >= 0) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has path component '"
                    + component + "', invalid at position " + (offset + bad) + ": a path component is lower-case"
                    + " letters and digits, joined by '.', '_', '__' or a run of '-'.", null);
        }
    }

    /**
     * Checks {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*} without a regex.
     *
     * @return the index of the first offending character, or -1 when the component is valid
     */
    public static int firstPathComponentError(String component) {
        int i = 0;
        int n = component.length();
        if (n == 0) {
            return 0;
        }
        while (true) {
            int start = i;
            while (i < n && isLowerAlnum(component.charAt(i))) {
                i++;
            }
            if (i == start) {
                return i;
            }
            if (i == n) {
                return -1;
            }
            char c = component.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '_') {
                i++;
                if (i < n && component.charAt(i) == '_') {
                    i++;
                }
            } else if (c == '-') {
                while (i < n && component.charAt(i) == '-') {
                    i++;
                }
            } else {
                return i;
            }
            if (i == n) {
                return i - 1;
            }
        }
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAsciiAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The host, lower-cased, without port; empty for a Docker Hub namespace path. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The port, when one was given. */
    public Optional<Integer> port() {
        return Optional.ofNullable(port);
    }

    /** The host with its port, as docker writes it, for example {@code localhost:5000}; empty without a host. */
    public Optional<String> hostAndPort() {
        return host().map(h -> port == null ? h : h + ":" + port);
    }

    /** The path components after the host. */
    public List<String> path() {
        return path;
    }

    /** The normal form: lower-case host, port, path, no trailing slash. */
    public String normalized() {
        StringBuilder out = new StringBuilder();
        hostAndPort().ifPresent(out::append);
        for (String component : path) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(component);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryUri that && Objects.equals(host, that.host)
                && Objects.equals(port, that.port) && path.equals(that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, path);
    }

    @Override
    public String toString() {
        return normalized();
    }
}
