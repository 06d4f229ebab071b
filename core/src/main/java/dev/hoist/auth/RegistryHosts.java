package dev.hoist.auth;

import dev.hoist.api.RegistryNames;

import java.util.Locale;
import java.util.Set;

/**
 * How docker names registry hosts: the forms a config key may take, Docker Hub's aliases,
 * and which hosts are loopback. Shared by the docker config source, the helper protocol and the probe.
 */
final class RegistryHosts {

    /** The host Hoist uses for Docker Hub. */
    static final String DOCKER_HUB = RegistryNames.DOCKER_HUB;
    /** The server URL docker uses for Docker Hub in config keys and towards credential helpers. */
    static final String DOCKER_HUB_SERVER_URL = "https://index.docker.io/v1/";
    /** Where Docker Hub's registry API answers; {@code docker.io} itself does not serve {@code /v2/}. */
    static final String DOCKER_HUB_API_HOST = RegistryNames.DOCKER_HUB_API_HOST;


    private RegistryHosts() {
    }

    /**
     * The {@code host:port} a host or a config key names: without {@code https://} or {@code http://},
     * without a path, lower case, and with Docker Hub's aliases folded into {@code docker.io}.
     * {@code https://myreg.example.com/v1/} becomes {@code myreg.example.com}.
     */
    static String canonical(String hostOrKey) {
        String value = hostOrKey.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            value = value.substring("https://".length());
        } else if (lower.startsWith("http://")) {
            value = value.substring("http://".length());
        }
        int slash = value.indexOf('/');
        if (slash >= 0) {
            value = value.substring(0, slash);
        }
        value = value.toLowerCase(Locale.ROOT);
        return RegistryNames.DOCKER_HUB_ALIASES.contains(value) ? DOCKER_HUB : value;
    }

    static boolean isDockerHub(String host) {
        return RegistryNames.isDockerHub(canonical(host));
    }

    /** What docker writes on a credential helper's stdin for this host. */
    static String helperServerUrl(String host) {
        return isDockerHub(host) ? DOCKER_HUB_SERVER_URL : canonical(host);
    }

    /** The {@code host:port} that serves the registry API for this host. */
    static String apiHost(String host) {
        return isDockerHub(host) ? DOCKER_HUB_API_HOST : canonical(host);
    }

    /**
     * Whether the host is loopback by name: {@code localhost}, {@code 127.x.y.z} or {@code [::1]}, with
     * or without a port. By name only, never by DNS, as docker decides which registries it may trust blindly.
     */
    static boolean isLoopback(String host) {
        return RegistryNames.isLoopback(canonical(host));
    }

}
