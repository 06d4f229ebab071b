package dev.hoist.config;

import java.util.Optional;

/**
 * How to reach the Docker engine; read from {@code hoist.docker}.
 *
 * @param host the endpoint the config names, {@code unix://…} or {@code tcp://…}; empty when the config
 *        names none and the engine is found by {@link dev.hoist.docker.EngineDiscovery}
 * @param tlsVerify whether to use TLS and verify the engine's certificate
 * @param certPath the directory of TLS material, when not the default
 * @param configDir the docker CLI config directory, when not the default
 * @param connectTimeout how long to wait for a connection ({@code hoist.docker.connect-timeout})
 * @param pushTimeout how long one push may take in all ({@code hoist.docker.push-timeout})
 * @param idleTimeout how long a push, load or save may go without a byte moving in either direction
 * @param path the docker section's full config path, such as {@code hoist.docker}, for messages
 *        ({@code hoist.docker.idle-timeout})
 */
public record DockerSettings(String host, boolean tlsVerify, Optional<String> certPath,
                             Optional<String> configDir, WrittenDuration connectTimeout, WrittenDuration pushTimeout,
                             WrittenDuration idleTimeout, String path) {

    /**
     * The full config path of one docker setting, for messages.
     *
     * @param key a key of the docker section, such as {@code idle-timeout}
     * @return for example {@code hoist.docker.idle-timeout}, or {@code mystack.components.docker.idle-timeout}
     */
    public String setting(String key) {
        return path + "." + key;
    }


    /** The endpoint the config names, if it names one. */
    public Optional<String> configuredHost() {
        return host == null || host.isBlank() ? Optional.empty() : Optional.of(host);
    }
}
