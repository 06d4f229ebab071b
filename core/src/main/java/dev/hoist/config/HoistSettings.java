package dev.hoist.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Hoist's own validated settings; components, registries included, are read by the component
 * machinery.
 *
 * @param defaultRegistry the name of the registry used when none is named; empty when config sets {@code ""}
 * @param docker how to reach the Docker engine
 * @param credentialHelperTimeout how long a docker credential helper may take
 * @param transport the transport of registries that set none: {@code engine} or {@code registry-api}
 */
public record HoistSettings(Optional<String> defaultRegistry, DockerSettings docker, Duration credentialHelperTimeout,
                            String transport) {
}
