package dev.hoist.api;

import dev.hoist.api.ImageReference;
import dev.hoist.spi.InvalidRegistryUriException;
import java.util.ArrayList;
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
 *
 * <p>A URI under which no image name can be valid is refused too: one whose repository path is
 * longer than an image's may be ({@link ImageReference#MAX_REPOSITORY_LENGTH} characters).
 *
 * <p>Every hint an {@link InvalidRegistryUriException} from here carries is itself a valid URI
 * in normal form: a suggestion is parsed before it is offered, a bounded number of times.
 */
public final class RegistryUri {

    /**
     * How many suggestions deep a hint is followed, each level one more linear pass. A URI can
     * need one fix of each kind (spaces, scheme, digest, tag, case, slashes, port), so this is enough.
     */
    private static final int MAX_HINT_DEPTH = 8;

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
     * @param raw the URI as the user wrote it, such as {@code ghcr.io/acme} or {@code localhost:5000}
     * @return the parsed URI
     * @throws InvalidRegistryUriException saying what is wrong, where, and what was probably meant
     */
    public static RegistryUri parse(String raw) {
        return parse(raw, 0);
    }

    private static RegistryUri parse(String raw, int depth) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidRegistryUriException(String.valueOf(raw), "The registry URI is empty.", null);
        }
        int space = firstSpace(raw);
        if (space >= 0) {
            throw new InvalidRegistryUriException(raw,
                    "Registry URI '" + raw + "' contains whitespace at position " + space + ".",
                    suggest(withoutStraySpaces(raw), depth));
        }
        int schemeEnd = schemeEnd(raw);
        if (schemeEnd >= 0) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has a scheme ('"
                    + raw.substring(0, schemeEnd) + "'); registry URIs name a host and path only.",
                    suggest(raw.substring(schemeEnd), depth));
        }
        String uri = stripTrailingSlashes(raw);
        if (uri.isEmpty()) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has nothing but slashes.", null);
        }
        int at = uri.indexOf('@');
        if (at >= 0) {
            throw atSign(raw, uri, at, depth);
        }

        String[] parts = uri.split("/", -1);
        String host = null;
        Integer port = null;
        int first = 0;
        if (RegistryNames.isHostElement(parts[0])) {
            String hostPort = parts[0];
            int portStart = hostPortSeparator(raw, hostPort);
            host = portStart < 0 ? hostPort : hostPort.substring(0, portStart);
            checkHost(raw, host);
            if (portStart >= 0) {
                port = parsePort(raw, uri, host, hostPort.substring(portStart + 1), parts.length == 1, depth);
            }
            if (port == null && host.indexOf('.') < 0 && !host.startsWith("[")
                    && !host.equalsIgnoreCase("localhost")) {
                // Only its upper case made this a host; lower-cased, the normal form would read as a
                // Docker Hub namespace, a different place. Refuse rather than change the meaning.
                throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' starts with '" + host
                        + "', which reads as a host only because it has upper case; host names are lower-cased,"
                        + " and '" + host.toLowerCase(Locale.ROOT) + "' without a '.' or a port reads as a Docker"
                        + " Hub namespace. Write a namespace in lower case, or a host with its domain or port.",
                        suggest(uri.toLowerCase(Locale.ROOT), depth));
            }
            first = 1;
        }
        List<String> path = new ArrayList<>(parts.length);
        int offset = first == 1 ? parts[0].length() + 1 : 0;
        for (int i = first; i < parts.length; i++) {
            checkPathComponent(raw, uri, parts[i], offset, i == parts.length - 1, depth);
            path.add(parts[i]);
            offset += parts[i].length() + 1;
        }
        String normalHost = host == null ? null : host.toLowerCase(Locale.ROOT);
        checkCanHoldAnImage(raw, normalHost, path);
        return new RegistryUri(normalHost, port, path);
    }

    /**
     * Refuses a URI under which no image name is valid: the shortest repository path an image under
     * it can have is longer than {@link ImageReference#MAX_REPOSITORY_LENGTH} (distribution's
     * {@code reference} grammar, {@code RepositoryNameTotalLengthMax}: the path after the domain,
     * after normalisation). That shortest path is the URI's own path, or, for a one-element Docker
     * Hub namespace ({@code myaccount}, {@code docker.io/myaccount}), {@code <namespace>/x}: a
     * one-element name there would be normalised to {@code library/<name>}, outside the namespace.
     */
    private static void checkCanHoldAnImage(String raw, String host, List<String> path) {
        if (path.isEmpty()) {
            return;
        }
        int length = path.size() - 1;
        for (String component : path) {
            length += component.length();
        }
        boolean hubNamespace = path.size() == 1 && (host == null || host.equals(ImageReference.DOCKER_HUB)
                || host.equals("index.docker.io"));
        int shortestRepository = hubNamespace ? length + 2 : length;
        if (shortestRepository <= ImageReference.MAX_REPOSITORY_LENGTH) {
            return;
        }
        String reason = hubNamespace
                ? "names a Docker Hub namespace of " + length + " characters; the shortest image under it,"
                        + " '<namespace>/x', has a repository path of " + shortestRepository + " characters"
                : "has a repository path (the part after the host) of " + length + " characters";
        throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' " + reason + ", but an image's"
                + " repository path is at most " + ImageReference.MAX_REPOSITORY_LENGTH + " characters (distribution"
                + " reference grammar), so no image can be pushed under it.", null);
    }

    /**
     * What to offer as a hint: the candidate's normal form if it parses, else its own hint, so that
     * a hint never leads to another error. Null when nothing valid can be inferred.
     */
    private static String suggest(String candidate, int depth) {
        if (depth >= MAX_HINT_DEPTH || candidate.isEmpty()) {
            return null;
        }
        try {
            return parse(candidate, depth + 1).normalized();
        } catch (InvalidRegistryUriException stillWrong) {
            return stillWrong.hint().orElse(null);
        }
    }

    /**
     * Strips the trailing {@code /} characters, as every flavor's normal form does.
     *
     * @param uri a URI
     * @return the URI without trailing slashes
     */
    public static String stripTrailingSlashes(String uri) {
        int end = uri.length();
        while (end > 0 && uri.charAt(end - 1) == '/') {
            end--;
        }
        return uri.substring(0, end);
    }


    private static boolean isSpace(char c) {
        // isSpaceChar adds the no-break spaces that isWhitespace leaves out; both arrive by copy and paste.
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static int firstSpace(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (isSpace(raw.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The URI without spaces at its ends or beside a '/', which are plainly stray; empty when a
     * space sits between two other characters, where what was meant cannot be told.
     */
    private static String withoutStraySpaces(String raw) {
        StringBuilder kept = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (!isSpace(raw.charAt(i))) {
                kept.append(raw.charAt(i++));
                continue;
            }
            int runStart = i;
            while (i < raw.length() && isSpace(raw.charAt(i))) {
                i++;
            }
            boolean inside = runStart > 0 && i < raw.length();
            if (inside && raw.charAt(runStart - 1) != '/' && raw.charAt(i) != '/') {
                return "";
            }
        }
        return kept.toString();
    }

    /** The index just past {@code scheme://}, or -1; the scheme is RFC 3986's {@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}. */
    private static int schemeEnd(String raw) {
        int separator = raw.indexOf("://");
        if (separator <= 0 || !isAsciiLetter(raw.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < separator; i++) {
            char c = raw.charAt(i);
            if (!isAsciiAlnum(c) && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return separator + 3;
    }

    /** An '@' in the path starts a digest; one in the first element most likely follows a user name. */
    private static InvalidRegistryUriException atSign(String raw, String uri, int at, int depth) {
        boolean inFirstElement = uri.lastIndexOf('/', at) < 0;
        if (inFirstElement) {
            String after = uri.substring(at + 1);
            int slash = after.indexOf('/');
            String afterFirstElement = slash < 0 ? after : after.substring(0, slash);
            String hint = RegistryNames.isHostElement(afterFirstElement) ? suggest(after, depth) : null;
            return new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has '@' in its first element"
                    + " ('" + uri.substring(0, slash < 0 ? uri.length() : at + 1 + slash) + "'); a registry URI"
                    + " carries no user name (credentials belong in config) and no digest.", hint);
        }
        return new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' carries a digest ('"
                + uri.substring(at) + "'); a registry URI names a place, not an image.",
                suggest(uri.substring(0, at), depth));
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

    private static void checkHost(String raw, String host) {
        if (host.startsWith("[")) {
            // The distribution grammar's IPv6 form: hex digits and colons in brackets, nothing else.
            String address = host.substring(1, host.length() - 1);
            if (address.indexOf(':') < 0 || !address.chars().allMatch(c -> c == ':' || isHex(c))) {
                throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has '" + host
                        + "' as host, which is not an IPv6 address of hex digits and ':'.", null);
            }
            return;
        }
        if (host.isEmpty()) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has an empty host.", null);
        }
        for (String label : host.split("\\.", -1)) {
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

    private static Integer parsePort(String raw, String uri, String host, String digits, boolean hostOnly, int depth) {
        boolean allDigits = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        int value = allDigits && digits.length() <= 5 ? Integer.parseInt(digits) : -1;
        if (value < 1 || value > 65535) {
            String reason = digits.isEmpty()
                    ? "Registry URI '" + raw + "' has ':' but no port after it."
                    : "Registry URI '" + raw + "' has port '" + digits + "', but a port is a number from 1 to 65535.";
            if (hostOnly && !allDigits && !digits.isEmpty()) {
                reason += " A registry URI carries no tag.";
            }
            throw new InvalidRegistryUriException(raw, reason, null);
        }
        if (digits.charAt(0) == '0') {
            // Docker compares names as text: 'host:05000/app' is not under 'host:5000'. One spelling only.
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has port '" + digits
                    + "' with a leading zero; write it as " + value + ".",
                    suggest(host + ":" + value + uri.substring(host.length() + 1 + digits.length()), depth));
        }
        return value;
    }

    private static void checkPathComponent(String raw, String uri, String component, int offset, boolean last, int depth) {
        if (component.isEmpty()) {
            String where = offset == 0 ? "starts with '/'" : "has an empty path component at position " + offset;
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' " + where + ".",
                    suggest(withoutEmptyComponents(uri), depth));
        }
        int colon = component.indexOf(':');
        if (colon >= 0) {
            if (last) {
                throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' carries a tag ('"
                        + component.substring(colon) + "'); a registry URI names a place, not an image.",
                        suggest(uri.substring(0, offset + colon), depth));
            }
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has ':' in path component '"
                    + component + "'; ':' only separates a host from its port.", null);
        }
        if (!component.equals(component.toLowerCase(Locale.ROOT))) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has path component '"
                    + component + "' with upper case; repository paths are lower case.",
                    suggest(uri.toLowerCase(Locale.ROOT), depth));
        }
        int bad = firstPathComponentError(component);
        if (bad >= 0) {
            throw new InvalidRegistryUriException(raw, "Registry URI '" + raw + "' has path component '"
                    + component + "', invalid at position " + (offset + bad) + ": a path component is lower-case"
                    + " letters and digits, joined by '.', '_', '__' or a run of '-'.", null);
        }
    }

    /** The URI with leading slashes dropped and runs of slashes collapsed to one. */
    private static String withoutEmptyComponents(String uri) {
        StringBuilder out = new StringBuilder(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c != '/' || (out.length() > 0 && out.charAt(out.length() - 1) != '/')) {
                out.append(c);
            }
        }
        return stripTrailingSlashes(out.toString());
    }

    /**
     * Checks {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*} without a regex.
     *
     * @param component one path component of a repository name
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

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** {@return the host, lower-cased, without port; empty for a Docker Hub namespace path} */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** {@return the port, when one was given} */
    public Optional<Integer> port() {
        return Optional.ofNullable(port);
    }

    /** {@return the host with its port, as docker writes it, for example {@code localhost:5000}; empty without a host} */
    public Optional<String> hostAndPort() {
        return host().map(h -> port == null ? h : h + ":" + port);
    }

    /** {@return the path components after the host} */
    public List<String> path() {
        return path;
    }

    /** {@return the normal form: lower-case host, port, path, no trailing slash} */
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
