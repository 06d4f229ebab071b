package dev.hoist.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for a Docker engine address, whoever names it ({@code hoist.docker.host}, {@code DOCKER_HOST} or a
 * docker context), and the one way to show it. Hoist speaks to:
 * <ul>
 *   <li>{@code unix:///path/to/docker.sock}: a socket path after {@code unix://};</li>
 *   <li>{@code tcp://HOST:PORT}: a host and a port (1 to 65535), optionally {@code user:password@} before the host;</li>
 *   <li>{@code npipe:////./pipe/NAME}: a Windows named pipe, on Windows only (elsewhere docker-java cannot load
 *       {@code kernel32} and fails without a useful message).</li>
 * </ul>
 * Anything else ({@code http://}, {@code https://}, {@code ssh://}, no scheme) is refused before docker-java sees it.
 */
public final class DockerEndpoints {

    /** Whether this JVM runs on Windows, where {@code npipe://} is usable. */
    public static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private DockerEndpoints() {
    }

    /**
     * What is wrong with an engine address, on this operating system.
     *
     * @param endpoint the address as written, such as {@code tcp://10.0.0.1:2376}
     * @return one sentence naming the (redacted) address and what is accepted; empty when it is usable
     */
    public static Optional<String> problem(String endpoint) {
        return problem(endpoint, WINDOWS);
    }

    /**
     * What is wrong with an engine address, on Windows or not.
     *
     * @param endpoint the address as written
     * @param windows whether {@code npipe://} is usable
     * @return one sentence naming the (redacted) address and what is accepted; empty when it is usable
     */
    public static Optional<String> problem(String endpoint, boolean windows) {
        String value = endpoint == null ? "" : endpoint.strip();
        String shown = "Docker endpoint '" + redact(value) + "'";
        String accepted = "unix:///path/to/docker.sock or tcp://HOST:PORT" + (windows ? " or npipe:////./pipe/NAME" : "");
        int separator = value.indexOf("://");
        if (separator <= 0) {
            return Optional.of(shown + " must start with " + (windows ? "unix://, tcp:// or npipe://" : "unix:// or tcp://")
                    + " (accepted: " + accepted + ", for example unix:///var/run/docker.sock).");
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        String rest = value.substring(separator + 3);
        switch (scheme) {
            case "unix":
                return rest.isEmpty() || rest.equals("/")
                        ? Optional.of(shown + " names no socket path (accepted: " + accepted
                        + ", for example unix:///var/run/docker.sock).")
                        : Optional.empty();
            case "tcp":
                return tcpProblem(value).map(why -> shown + " is not a usable tcp:// address: " + why + " (accepted: "
                        + accepted + ", for example tcp://127.0.0.1:2375).");
            case "npipe":
                return windows ? Optional.empty() : Optional.of(shown + " is a Windows named pipe, and this is not Windows ("
                        + System.getProperty("os.name", "unknown OS") + "; accepted: " + accepted + ").");
            default:
                return Optional.of(shown + " has the scheme '" + scheme + "://', which Hoist does not speak to an engine"
                        + " (accepted: " + accepted + ").");
        }
    }

    private static Optional<String> tcpProblem(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException bad) {
            return Optional.of("it does not parse as a URI");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("it names no host");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            return Optional.of("it names no port (write the engine's port, usually 2375, or 2376 with TLS)");
        }
        return Optional.empty();
    }

    /**
     * An engine address as it may be shown: the password of a {@code user:password@} before the host is replaced by
     * {@code ****}. Every message, log line and report that shows an endpoint shows it through this.
     *
     * @param endpoint an address, valid or not, such as {@code tcp://user:secret@10.0.0.1:2376}
     * @return the address without its password, such as {@code tcp://user:****@10.0.0.1:2376}; null for null
     */
    public static String redact(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        int separator = endpoint.indexOf("://");
        int start = separator < 0 ? 0 : separator + 3;
        int end = endpoint.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = endpoint.indexOf(stop, start);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        int at = end == start ? -1 : endpoint.lastIndexOf('@', end - 1);
        if (at < start) {
            return endpoint;
        }
        int colon = endpoint.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return endpoint;
        }
        return endpoint.substring(0, colon + 1) + "****" + endpoint.substring(at);
    }
}
