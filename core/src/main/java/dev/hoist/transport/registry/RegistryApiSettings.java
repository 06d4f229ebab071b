package dev.hoist.transport.registry;

import com.typesafe.config.Config;
import dev.hoist.auth.Environment;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.DurationText;
import dev.hoist.config.HoistConfig;
import dev.hoist.config.HoistConfigException;
import dev.hoist.config.KeyReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The global settings of the registry-API transport, read from {@code <root>.registry-api} ({@code hoist.registry-api}
 * by default; see core's {@code reference.conf}, which holds every default). Hoist reads them once, when it loads
 * its config, and hands them to the transport.
 *
 * @param parallelism how many blobs upload at once, at least 1
 * @param compressionLevel the gzip level for layers compressed on the fly, 1 (fastest) to 9 (smallest)
 * @param blobCacheDirectory where the blob-info cache lives; empty means {@link #defaultBlobCacheDirectory()}
 * @param monolithicThreshold blobs of at most this many bytes, with a known digest, go in one {@code PUT}
 *        after the {@code POST}; bigger ones in one streamed {@code PATCH} then a {@code PUT}
 * @param connectTimeout how long a TCP and TLS connection may take
 * @param idleTimeout how long a connection may stay silent (no byte received) while a response is awaited
 * @param certsDirectory docker's per-registry certificate directory, {@code <dir>/<host[:port]>/ca.crt},
 *        {@code client.cert} and {@code client.key}; empty to use none
 * @param retryAttempts how many times a request (or a whole blob upload) is tried at most, 1 to 100; 1 retries
 *        nothing (see {@link dev.hoist.distribution.RetryPolicy})
 * @param retryBase the wait after the first failed attempt, doubled after each next one (with jitter)
 * @param retryCap the longest wait between attempts, a registry's {@code Retry-After} included
 * @param path the config path the settings were read from, such as {@code hoist.registry-api} or
 *        {@code mystack.components.registry-api}, which messages name (see {@link #pathOf})
 * @param defaultBlobCacheDirectory the cache directory when {@code blobCacheDirectory} is empty:
 *        {@code $XDG_CACHE_HOME/hoist}, or {@code <home>/.cache/hoist} without that variable, of the
 *        {@link Environment} the settings were read with (see {@link #defaultBlobCacheDirectory(Environment)})
 * @param allowLinksOutOfLayout whether a file of an {@code oci:} layout may be a symbolic link (or lie under one)
 *        that leads out of the layout's directory; {@code false} refuses it, naming the entry, before anything
 *        outside is read ({@code allow-links-out-of-layout})
 * @param pushNondistributableLayers whether non-distributable ("foreign") layers of an {@code oci:} layout are
 *        pushed when their blob is present; {@code false} leaves them out, the manifest still naming them with
 *        their {@code urls} ({@code push-nondistributable-layers})
 */
public record RegistryApiSettings(int parallelism, int compressionLevel, Optional<Path> blobCacheDirectory,
                                  long monolithicThreshold, Duration connectTimeout, Duration idleTimeout,
                                  Optional<Path> certsDirectory, int retryAttempts, Duration retryBase,
                                  Duration retryCap, String path, Path defaultBlobCacheDirectory,
                                  boolean allowLinksOutOfLayout, boolean pushNondistributableLayers) {

    /** The section's key under Hoist's root. */
    public static final String SECTION = "registry-api";

    /** The section's config path under the default root, {@code hoist.registry-api}. */
    public static final String PATH = HoistConfig.ROOT + "." + SECTION;

    /**
     * Checks every value against the rules {@link #read} applies.
     *
     * @param parallelism how many blobs upload at once, 1 to 64
     * @param compressionLevel the gzip level, 1 to 9
     * @param blobCacheDirectory the blob-info cache's directory; empty for {@code defaultBlobCacheDirectory}
     * @param monolithicThreshold the largest blob sent in one {@code PUT}, in bytes, 0 or more
     * @param connectTimeout how long a connection may take, positive
     * @param idleTimeout how long a connection may stay silent, positive
     * @param certsDirectory docker's per-registry certificate directory; empty for none
     * @param retryAttempts how many times a request is tried at most, 1 to 100
     * @param retryBase the first wait between attempts, positive
     * @param retryCap the longest wait between attempts, at least {@code retryBase}
     * @param path the section's config path, such as {@code hoist.registry-api}
     * @param defaultBlobCacheDirectory the cache directory when none is configured
     * @param allowLinksOutOfLayout whether a layout's files may link out of it
     * @param pushNondistributableLayers whether non-distributable layers are pushed
     * @throws HoistConfigException listing every value out of range, each at its key under {@code path}
     */
    public RegistryApiSettings {
        Objects.requireNonNull(blobCacheDirectory, "blobCacheDirectory");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(certsDirectory, "certsDirectory");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryCap, "retryCap");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(defaultBlobCacheDirectory, "defaultBlobCacheDirectory");
        Map<String, String> wrong = rangeProblems(parallelism, compressionLevel, monolithicThreshold, connectTimeout,
                idleTimeout, retryAttempts, retryBase, retryCap);
        if (!wrong.isEmpty()) {
            List<ConfigProblem> problems = new ArrayList<>();
            wrong.forEach((key, message) -> problems.add(new ConfigProblem(path + "." + key, "settings object", message)));
            throw new HoistConfigException(problems);
        }
    }

    /**
     * Settings at {@link #PATH}, whose default cache directory is the process's (see
     * {@link #defaultBlobCacheDirectory(Environment)} with {@link Environment#ofProcess()}), with the defaults of
     * {@code allow-links-out-of-layout} and {@code push-nondistributable-layers} ({@code false}; see
     * {@link #withSourceRules}).
     *
     * @param parallelism how many blobs upload at once, 1 to 64
     * @param compressionLevel the gzip level, 1 to 9
     * @param blobCacheDirectory the blob-info cache's directory; empty for the default
     * @param monolithicThreshold the largest blob sent in one {@code PUT}, in bytes, 0 or more
     * @param connectTimeout how long a connection may take, positive
     * @param idleTimeout how long a connection may stay silent, positive
     * @param certsDirectory docker's per-registry certificate directory; empty for none
     * @param retryAttempts how many times a request is tried at most, 1 to 100
     * @param retryBase the first wait between attempts, positive
     * @param retryCap the longest wait between attempts, at least {@code retryBase}
     * @throws HoistConfigException listing every value out of range
     */
    public RegistryApiSettings(int parallelism, int compressionLevel, Optional<Path> blobCacheDirectory,
                               long monolithicThreshold, Duration connectTimeout, Duration idleTimeout,
                               Optional<Path> certsDirectory, int retryAttempts, Duration retryBase, Duration retryCap) {
        this(parallelism, compressionLevel, blobCacheDirectory, monolithicThreshold, connectTimeout, idleTimeout,
                certsDirectory, retryAttempts, retryBase, retryCap, PATH, defaultBlobCacheDirectory(Environment.ofProcess()),
                false, false);
    }

    /**
     * These settings with other rules for reading sources.
     *
     * @param allowLinksOut {@code allow-links-out-of-layout}: whether a layout's files may link out of it
     * @param pushNondistributable {@code push-nondistributable-layers}: whether non-distributable layers are pushed
     * @return the settings, everything else unchanged
     */
    public RegistryApiSettings withSourceRules(boolean allowLinksOut, boolean pushNondistributable) {
        return new RegistryApiSettings(parallelism, compressionLevel, blobCacheDirectory, monolithicThreshold,
                connectTimeout, idleTimeout, certsDirectory, retryAttempts, retryBase, retryCap, path,
                defaultBlobCacheDirectory, allowLinksOut, pushNondistributable);
    }

    /**
     * Reads the settings from the {@code hoist.registry-api} object (pass that object, not the root), with the
     * process's environment.
     *
     * @param section the registry-API section, every key present (core's {@code reference.conf} as fallback)
     * @return the settings
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
     * @return the settings
     * @throws HoistConfigException listing every problem
     */
    public static RegistryApiSettings from(Config section, String path) {
        return from(section, path, Environment.ofProcess());
    }

    /**
     * As {@link #from(Config, String)}, with the default cache directory from {@code environment}.
     *
     * @param section the registry-API section, every key present (core's {@code reference.conf} as fallback)
     * @param path the section's config path, for messages, such as {@code hoist.registry-api}
     * @param environment where {@code XDG_CACHE_HOME} and the home directory come from
     * @return the settings
     * @throws HoistConfigException listing every problem
     */
    public static RegistryApiSettings from(Config section, String path, Environment environment) {
        Objects.requireNonNull(section, "section");
        List<ConfigProblem> problems = new ArrayList<>();
        RegistryApiSettings settings = read(section, path, environment, problems);
        if (settings == null) {
            // The section's path is <root>.registry-api: the message names the config by its root.
            throw new HoistConfigException(path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : null, problems);
        }
        return settings;
    }

    /**
     * As {@link #read(Config, String, Environment, List)} with the process's environment.
     *
     * @param section the registry-API section, every key present (core's {@code reference.conf} as fallback)
     * @param path the section's config path, for messages, such as {@code hoist.registry-api}
     * @param problems where problems are added
     * @return the settings, or {@code null} when a problem was found
     */
    public static RegistryApiSettings read(Config section, String path, List<ConfigProblem> problems) {
        return read(section, path, Environment.ofProcess(), problems);
    }

    /**
     * Reads and checks every setting of the section, adding one problem per wrong setting, with its full key,
     * its origin ({@code file:line}) and what is expected. Hoist reads its settings with this once, when the
     * configuration is loaded, and hands them to the transport: one set of rules, one reading.
     *
     * @param section the registry-API section, every key present (core's {@code reference.conf} as fallback)
     * @param path the section's config path, for messages, such as {@code hoist.registry-api}
     * @param environment where the default cache directory's {@code XDG_CACHE_HOME} and home directory come from
     * @param problems where problems are added
     * @return the settings, or {@code null} when a problem was found
     */
    public static RegistryApiSettings read(Config section, String path, Environment environment,
                                           List<ConfigProblem> problems) {
        Objects.requireNonNull(environment, "environment");
        int before = problems.size();
        KeyReader reader = KeyReader.into(section, path, problems);
        Integer parallelism = reader.require("parallelism", section::getInt, WHOLE + " from 1 to 64");
        Integer compressionLevel = reader.require("compression-level", section::getInt, WHOLE + " from 1 to 9");
        String cache = reader.require("blob-cache-directory", section::getString, "a directory path, or \"\"");
        Long threshold = reader.require("monolithic-upload-threshold", section::getBytes, SIZE);
        Duration connectTimeout = reader.require("connect-timeout", section::getDuration, DURATION);
        Duration idleTimeout = reader.require("idle-timeout", section::getDuration, DURATION);
        String certs = reader.require("certs-directory", section::getString, "a directory path, or \"\"");
        Integer retryAttempts = reader.require("retry-attempts", section::getInt, WHOLE + " from 1 to 100");
        Duration retryBase = reader.require("retry-base", section::getDuration, DURATION);
        Duration retryCap = reader.require("retry-cap", section::getDuration, DURATION);
        Boolean linksOut = reader.require("allow-links-out-of-layout", section::getBoolean, BOOLEAN);
        Boolean nondistributable = reader.require("push-nondistributable-layers", section::getBoolean, BOOLEAN);
        rangeProblems(parallelism, compressionLevel, threshold, connectTimeout, idleTimeout, retryAttempts, retryBase,
                retryCap).forEach(reader::problem);
        if (problems.size() > before) {
            return null;
        }
        return new RegistryApiSettings(parallelism, compressionLevel,
                cache.isBlank() ? Optional.empty() : Optional.of(Path.of(cache.strip())), threshold, connectTimeout,
                idleTimeout, certs.isBlank() ? Optional.empty() : Optional.of(Path.of(certs.strip())), retryAttempts,
                retryBase, retryCap, path, defaultBlobCacheDirectory(environment), linksOut, nondistributable);
    }

    private static final String WHOLE = "a whole number";
    private static final String BOOLEAN = "true or false";
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

    /**
     * The full config path of one of these settings, for messages.
     *
     * @param key a key of the section, such as {@code connect-timeout}
     * @return such as {@code hoist.registry-api.connect-timeout}, under the root the settings were read from
     */
    public String pathOf(String key) {
        return path + "." + key;
    }

    /**
     * The cache directory to use: the configured one, or {@link #defaultBlobCacheDirectory()}.
     *
     * @return the directory, which need not exist
     */
    public Path resolvedBlobCacheDirectory() {
        return blobCacheDirectory.orElse(defaultBlobCacheDirectory);
    }

    /**
     * The blob-info cache's directory when none is configured: {@code $XDG_CACHE_HOME/hoist} when that variable
     * is set and not blank, else {@code <home>/.cache/hoist}.
     *
     * @param environment the environment whose {@code XDG_CACHE_HOME} and home directory count
     * @return the directory, which need not exist
     */
    public static Path defaultBlobCacheDirectory(Environment environment) {
        return environment.get("XDG_CACHE_HOME").map(xdg -> Path.of(xdg, "hoist"))
                .orElseGet(() -> environment.home().resolve(".cache").resolve("hoist"));
    }

    /**
     * The HTTP settings of this section, for the registry HTTP layer: timeouts, the certificates directory, a pool
     * of {@code parallelism + 2} connections per host, and the retry policy.
     */
    public dev.hoist.distribution.HttpSettings http() {
        return new dev.hoist.distribution.HttpSettings(connectTimeout, idleTimeout, certsDirectory, parallelism + 2,
                retryAttempts, retryBase, retryCap, path);
    }
}
