package dev.hoist.transport.registry;

import static dev.hoist.config.ComponentValues.describe;
import static dev.hoist.config.ComponentValues.originOf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.HoistConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
        Map<String, String> wrong = rangeProblems(parallelism, compressionLevel, monolithicThreshold, connectTimeout,
                idleTimeout, retryAttempts, retryBase, retryCap);
        if (!wrong.isEmpty()) {
            List<ConfigProblem> problems = new ArrayList<>();
            wrong.forEach((key, message) -> problems.add(new ConfigProblem(PATH + "." + key, "settings object", message)));
            throw new HoistConfigException(problems);
        }
    }

    /**
     * Reads the settings from the {@code hoist.registry-api} object (pass that object, not the root).
     *
     * @throws HoistConfigException listing every value that is missing, of the wrong type or out of range, each
     *         with its key, its origin and what is expected
     */
    public static RegistryApiSettings from(Config section) {
        return from(section, PATH);
    }

    /**
     * As {@link #from(Config)}, for a section at {@code path}.
     *
     * @param section the registry-API section, every key present (core's {@code reference.conf} as fallback)
     * @param path the section's config path, for messages, such as {@code hoist.registry-api}
     * @throws HoistConfigException listing every problem
     */
    public static RegistryApiSettings from(Config section, String path) {
        Objects.requireNonNull(section, "section");
        List<ConfigProblem> problems = new ArrayList<>();
        RegistryApiSettings settings = read(section, path, problems);
        if (settings == null) {
            throw new HoistConfigException(problems);
        }
        return settings;
    }

    /**
     * Reads and checks every setting of the section, adding one problem per wrong setting, with its full key,
     * its origin ({@code file:line}) and what is expected. The configuration is validated with this when it is
     * loaded, and a push reads its settings with it: one set of rules.
     *
     * @param section the registry-API section, every key present (core's {@code reference.conf} as fallback)
     * @param path the section's config path, for messages, such as {@code hoist.registry-api}
     * @param problems where problems are added
     * @return the settings, or {@code null} when a problem was found
     */
    public static RegistryApiSettings read(Config section, String path, List<ConfigProblem> problems) {
        int before = problems.size();
        Reader reader = new Reader(section, path, problems);
        Integer parallelism = reader.read("parallelism", section::getInt, WHOLE + " from 1 to 64");
        Integer compressionLevel = reader.read("compression-level", section::getInt, WHOLE + " from 1 to 9");
        String cache = reader.read("blob-cache-directory", section::getString, "a directory path, or \"\"");
        Long threshold = reader.read("monolithic-upload-threshold", section::getBytes, SIZE);
        Duration connectTimeout = reader.read("connect-timeout", section::getDuration, DURATION);
        Duration idleTimeout = reader.read("idle-timeout", section::getDuration, DURATION);
        String certs = reader.read("certs-directory", section::getString, "a directory path, or \"\"");
        Integer retryAttempts = reader.read("retry-attempts", section::getInt, WHOLE + " from 1 to 100");
        Duration retryBase = reader.read("retry-base", section::getDuration, DURATION);
        Duration retryCap = reader.read("retry-cap", section::getDuration, DURATION);
        rangeProblems(parallelism, compressionLevel, threshold, connectTimeout, idleTimeout, retryAttempts, retryBase,
                retryCap).forEach((key, message) -> problems.add(new ConfigProblem(path + "." + key,
                        originOf(section.root().get(key).origin()), message)));
        if (problems.size() > before) {
            return null;
        }
        return new RegistryApiSettings(parallelism, compressionLevel,
                cache.isBlank() ? Optional.empty() : Optional.of(Path.of(cache.strip())), threshold, connectTimeout,
                idleTimeout, certs.isBlank() ? Optional.empty() : Optional.of(Path.of(certs.strip())), retryAttempts,
                retryBase, retryCap);
    }

    private static final String WHOLE = "a whole number";
    private static final String DURATION = "a positive duration, like 500ms, 5s or 2m";
    private static final String SIZE = "a size of 0 or more bytes, like 1MiB, 512KiB or 0";

    /**
     * The rules of the values, the only copy: each value that breaks one, by key, with what is expected. A
     * {@code null} value (unreadable, already reported) is not checked.
     */
    private static Map<String, String> rangeProblems(Integer parallelism, Integer compressionLevel, Long threshold,
                                                     Duration connectTimeout, Duration idleTimeout,
                                                     Integer retryAttempts, Duration retryBase, Duration retryCap) {
        Map<String, String> wrong = new LinkedHashMap<>();
        if (parallelism != null && (parallelism < 1 || parallelism > 64)) {
            wrong.put("parallelism", "Expected " + WHOLE + " from 1 to 64; found " + parallelism + ".");
        }
        if (compressionLevel != null && (compressionLevel < 1 || compressionLevel > 9)) {
            wrong.put("compression-level", "Expected " + WHOLE + " from 1 (fastest) to 9 (smallest); found "
                    + compressionLevel + ".");
        }
        if (threshold != null && threshold < 0) {
            wrong.put("monolithic-upload-threshold", "Expected " + SIZE + "; found " + threshold + ".");
        }
        if (connectTimeout != null && !positive(connectTimeout)) {
            wrong.put("connect-timeout", "Expected " + DURATION + "; found " + DurationText.of(connectTimeout) + ".");
        }
        if (idleTimeout != null && !positive(idleTimeout)) {
            wrong.put("idle-timeout", "Expected " + DURATION + "; found " + DurationText.of(idleTimeout) + ".");
        }
        if (retryAttempts != null && (retryAttempts < 1 || retryAttempts > 100)) {
            wrong.put("retry-attempts", "Expected " + WHOLE + " from 1 to 100 (1 retries nothing); found "
                    + retryAttempts + ".");
        }
        if (retryBase != null && !positive(retryBase)) {
            wrong.put("retry-base", "Expected " + DURATION + "; found " + DurationText.of(retryBase) + ".");
        } else if (retryBase != null && retryCap != null && retryCap.compareTo(retryBase) < 0) {
            wrong.put("retry-cap", "Expected a duration of at least retry-base (" + DurationText.of(retryBase)
                    + "); found " + DurationText.of(retryCap) + ".");
        }
        return wrong;
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /** Reads one key, turning a missing or unreadable value into a problem at its own path. */
    private record Reader(Config section, String path, List<ConfigProblem> problems) {

        <T> T read(String key, Function<String, T> getter, String expected) {
            String at = path + "." + key;
            if (!section.hasPathOrNull(key)) {
                problems.add(new ConfigProblem(at, originOf(section.root().origin()), "Missing; expected " + expected + "."));
                return null;
            }
            try {
                return getter.apply(key);
            } catch (ConfigException wrong) {
                ConfigValue value = section.root().get(key);
                problems.add(new ConfigProblem(at, originOf(value.origin()), "Expected " + expected + "; found "
                        + (value.valueType() == ConfigValueType.NULL ? "null" : describe(at, value)) + "."));
                return null;
            }
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

    /**
     * The HTTP settings of this section, for the registry HTTP layer: timeouts, the certificates directory, a pool
     * of {@code parallelism + 2} connections per host, and the retry policy.
     */
    public dev.hoist.distribution.HttpSettings http() {
        return new dev.hoist.distribution.HttpSettings(connectTimeout, idleTimeout, certsDirectory, parallelism + 2,
                retryAttempts, retryBase, retryCap, PATH);
    }
}
