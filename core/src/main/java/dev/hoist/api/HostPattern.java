package dev.hoist.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A pattern of registry hosts that a flavor claims ({@code dev.hoist.spi.ContainerRegistryFlavor#hosts()}), matched
 * against the {@linkplain RegistryNames#canonicalHost canonical host} of a parsed reference: lower case, Docker Hub's
 * names folded to {@code docker.io}. Three forms:
 * <ul>
 *   <li><b>exact</b>: {@code ghcr.io}, {@code registry.example.com:5050}, {@code [::1]:5000}. A pattern without a
 *       port matches only the host written without one, that is on the registry's default port: {@code ghcr.io}
 *       does not match {@code ghcr.io:443}, which docker (and credentials) treat as another registry. A pattern
 *       with a port matches only that port.</li>
 *   <li><b>{@code *.suffix}</b>: {@code *.azurecr.io} matches {@code myregistry.azurecr.io}: exactly one more DNS
 *       label in front of the suffix, never the suffix itself ({@code azurecr.io}) nor two labels
 *       ({@code a.b.azurecr.io}), and never a host with a port.</li>
 *   <li><b>{@code *-suffix}</b>, Google's Artifact Registry form: {@code *-docker.pkg.dev} matches
 *       {@code europe-west1-docker.pkg.dev}: the first label ends in {@code -docker}; no port.</li>
 * </ul>
 * The suffix of a wildcard has at least two labels ({@code *.io} is refused: it would claim a whole top-level
 * domain). Patterns are compared ignoring case.
 */
public final class HostPattern {

    private final String pattern;
    /** For a wildcard, what follows the {@code *}, starting with {@code .} or {@code -}; null for an exact pattern. */
    private final String suffix;

    private HostPattern(String pattern, String suffix) {
        this.pattern = pattern;
        this.suffix = suffix;
    }

    /**
     * Parses a host pattern.
     *
     * @param pattern {@code host[:port]}, {@code *.suffix} or {@code *-suffix}
     * @return the pattern, in lower case
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static HostPattern parse(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("A host pattern is 'host[:port]', '*.suffix' or '*-suffix'; got "
                    + (pattern == null ? "null" : "''"));
        }
        String lower = pattern.toLowerCase(Locale.ROOT);
        if (lower.startsWith("*")) {
            String suffix = lower.substring(1);
            if (!(suffix.startsWith(".") || suffix.startsWith("-")) || !isDnsName(suffix.substring(1))
                    || suffix.indexOf('.', 1) < 0) {
                throw new IllegalArgumentException("Host pattern '" + pattern + "' is not '*.suffix' or '*-suffix'"
                        + " with a suffix of two or more DNS labels and no port, like '*.azurecr.io' or"
                        + " '*-docker.pkg.dev'");
            }
            return new HostPattern(lower, suffix);
        }
        if (!isHostAndPort(lower)) {
            throw new IllegalArgumentException("Host pattern '" + pattern + "' is not a host with an optional port"
                    + " (like 'ghcr.io' or 'registry.example.com:5050'), '*.suffix' or '*-suffix'");
        }
        return new HostPattern(lower, null);
    }

    /**
     * Whether this pattern claims a host.
     *
     * @param host a host with its port as a reference writes it, such as {@code GHCR.io} or {@code 127.0.0.1:5000};
     *        compared in its {@linkplain RegistryNames#canonicalHost canonical form}
     * @return whether the host matches
     */
    public boolean matches(String host) {
        String canonical = RegistryNames.canonicalHost(Objects.requireNonNull(host, "host"));
        if (suffix == null) {
            return canonical.equals(pattern);
        }
        if (canonical.indexOf(':') >= 0 || canonical.startsWith("[") || !canonical.endsWith(suffix)) {
            return false;
        }
        String first = canonical.substring(0, canonical.length() - suffix.length());
        return isLabel(first);
    }

    /** {@return the pattern as parsed, in lower case} */
    public String pattern() {
        return pattern;
    }

    /** {@return whether this is a {@code *.suffix} or {@code *-suffix} pattern} */
    public boolean isWildcard() {
        return suffix != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostPattern that && pattern.equals(that.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    /** The {@link #pattern()}. */
    @Override
    public String toString() {
        return pattern;
    }

    private static boolean isHostAndPort(String text) {
        String host = text;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 2) {
                return false;
            }
            for (int i = 1; i < close; i++) {
                char c = text.charAt(i);
                if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f') && c != ':') {
                    return false;
                }
            }
            return close + 1 == text.length() || isPort(text.substring(close + 1));
        }
        int colon = text.indexOf(':');
        if (colon >= 0) {
            host = text.substring(0, colon);
            if (!isPort(text.substring(colon))) {
                return false;
            }
        }
        return isDnsName(host);
    }

    /** {@code :} then 1 to 5 digits. */
    private static boolean isPort(String text) {
        if (text.length() < 2 || text.length() > 6 || text.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDnsName(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (String label : text.split("\\.", -1)) {
            if (!isLabel(label)) {
                return false;
            }
        }
        return true;
    }

    /** A DNS label in lower case: letters, digits and inner hyphens, 1 to 63 characters. */
    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }
}
