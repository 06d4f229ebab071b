package dev.hoist.distribution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How Hoist talks to registries over HTTP: timeouts, docker's certificate directory, the connection pool and the
 * retry policy. One value for every registry call (pushes, {@code hoist auth}, the engine push's digest check);
 * read from the {@code registry-api} section of the configuration.
 *
 * @param connectTimeout how long a TCP and TLS connection may take, positive
 * @param idleTimeout how long a connection may stay silent (no byte received) while an answer is awaited, positive
 * @param certsDirectory docker's per-registry certificate directory, {@code <dir>/<host[:port]>/ca.crt},
 *        {@code client.cert} and {@code client.key}; empty to use none
 * @param connectionsPerHost how many connections one registry host may have open at once, at least 1
 * @param retryAttempts how many times a request that may be repeated is sent at most, at least 1
 * @param retryBase the wait after the first failed attempt, doubled after each next one (with jitter)
 * @param retryCap the longest wait between attempts, a registry's {@code Retry-After} included
 * @param path the config path of the section these come from, such as {@code hoist.registry-api}, so that
 *        messages name the setting to change
 */
public record HttpSettings(Duration connectTimeout, Duration idleTimeout, Optional<Path> certsDirectory,
                           int connectionsPerHost, int retryAttempts, Duration retryBase, Duration retryCap,
                           String path) {

    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(certsDirectory, "certsDirectory");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryCap, "retryCap");
        Objects.requireNonNull(path, "path");
        if (connectionsPerHost < 1 || retryAttempts < 1) {
            throw new IllegalArgumentException("connectionsPerHost and retryAttempts must be at least 1");
        }
    }

    /** The full path of one setting of this section, for messages: {@code hoist.registry-api.connect-timeout}. */
    public String setting(String key) {
        return path + "." + key;
    }
}
