package dev.hoist.transport.registry;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.HoistConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The global settings of the registry-API transport, read from {@code hoist.registry-api} (see core's
 * {@code reference.conf}, which holds every default).
 *
 * @param parallelism how many blobs upload at once, at least 1
 * @param compressionLevel the gzip level for layers compressed on the fly, 1 (fastest) to 9 (smallest)
 * @param blobCacheDirectory where the blob-info cache lives; empty means {@code $XDG_CACHE_HOME/hoist}, or
 *        {@code ~/.cache/hoist} without that variable
 * @param monolithicThreshold blobs of at most this many bytes, with a known digest, go in one {@code PUT}
 *        after the {@code POST}; bigger ones in one streamed {@code PATCH} then a {@code PUT}
 * @param connectTimeout how long a TCP and TLS connection may take
 * @param idleTimeout how long a connection may stay silent (no byte received) while a response is awaited
 * @param certsDirectory docker's per-registry certificate directory, {@code <dir>/<host[:port]>/ca.crt},
 *        {@code client.cert} and {@code client.key}; empty to use none
 * @param retryAttempts how many times a request (or a whole blob upload) is tried at most, 1 to 100; 1 retries
 *        nothing (see {@link RetryPolicy})
 * @param retryBase the wait after the first failed attempt, doubled after each next one (with jitter)
 * @param retryCap the longest wait between attempts, a registry's {@code Retry-After} included
 */
public record RegistryApiSettings(int parallelism, int compressionLevel, Optional<Path> blobCacheDirectory,
                                  long monolithicThreshold, Duration connectTimeout, Duration idleTimeout,
                                  Optional<Path> certsDirectory, int retryAttempts, Duration retryBase,
                                  Duration retryCap) {

    /** The config path this record is read from, for messages. */
    public static final String PATH = "hoist.registry-api";

    public RegistryApiSettings {
        Objects.requireNonNull(blobCacheDirectory, "blobCacheDirectory");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(certsDirectory, "certsDirectory");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryCap, "retryCap");
        if (retryAttempts < 1 || retryAttempts > 100) {
            throw invalid("retry-attempts", "must be between 1 and 100, not " + retryAttempts);
        }
        if (retryBase.isNegative() || retryBase.isZero()) {
            throw invalid("retry-base", "must be positive");
        }
        if (retryCap.compareTo(retryBase) < 0) {
            throw invalid("retry-cap", "must be at least retry-base (" + DurationText.of(retryBase) + ")");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw invalid("parallelism", "must be between 1 and 64, not " + parallelism);
        }
        if (compressionLevel < 1 || compressionLevel > 9) {
            throw invalid("compression-level", "must be between 1 and 9, not " + compressionLevel);
        }
        if (monolithicThreshold < 0) {
            throw invalid("monolithic-upload-threshold", "must not be negative");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw invalid("connect-timeout", "must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw invalid("idle-timeout", "must be positive");
        }
    }

    /**
     * Reads the settings from the {@code hoist.registry-api} object (pass that object, not the root).
     *
     * @throws HoistConfigException naming the key when a value is missing, of the wrong type or out of range
     */
    public static RegistryApiSettings from(Config section) {
        Objects.requireNonNull(section, "section");
        try {
            String cache = section.getString("blob-cache-directory").strip();
            String certs = section.getString("certs-directory").strip();
            return new RegistryApiSettings(section.getInt("parallelism"), section.getInt("compression-level"),
                    cache.isEmpty() ? Optional.empty() : Optional.of(Path.of(cache)),
                    section.getBytes("monolithic-upload-threshold"), section.getDuration("connect-timeout"),
                    section.getDuration("idle-timeout"),
                    certs.isEmpty() ? Optional.empty() : Optional.of(Path.of(certs)),
                    section.getInt("retry-attempts"), section.getDuration("retry-base"),
                    section.getDuration("retry-cap"));
        } catch (ConfigException.Missing | ConfigException.WrongType | ConfigException.BadValue e) {
            // Typesafe's message names the key, its origin and the expected type; these settings hold no secrets.
            String origin = e.origin() == null ? "reference.conf" : e.origin().description();
            throw new HoistConfigException(List.of(new ConfigProblem(PATH, origin, e.getMessage())));
        }
    }

    /** The cache directory to use: the configured one, or {@code $XDG_CACHE_HOME/hoist}, or {@code ~/.cache/hoist}. */
    public Path resolvedBlobCacheDirectory() {
        if (blobCacheDirectory.isPresent()) {
            return blobCacheDirectory.get();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "hoist");
        }
        return dev.hoist.auth.Environment.ofProcess().home().resolve(".cache").resolve("hoist");
    }

    private static HoistConfigException invalid(String key, String problem) {
        return new HoistConfigException(List.of(new ConfigProblem(PATH + "." + key, "config", problem)));
    }
}
