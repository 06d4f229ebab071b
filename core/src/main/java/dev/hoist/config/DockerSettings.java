package dev.hoist.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the Docker engine; read from {@code hoist.docker}.
 *
 * @param host the endpoint, {@code unix://…} or {@code tcp://…}
 * @param tlsVerify whether to use TLS and verify the engine's certificate
 * @param certPath the directory of TLS material, when not the default
 * @param configDir the docker CLI config directory, when not the default
 * @param connectTimeout how long to wait for a connection
 * @param pushTimeout how long one push may take
 */
public record DockerSettings(String host, boolean tlsVerify, Optional<String> certPath,
                             Optional<String> configDir, Duration connectTimeout, Duration pushTimeout) {
}
