package com.example.hoist.ecr;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.SettingProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ecr registry's own settings, read from its config with this flavor's reference.conf as
 * fallback. Credentials are kept as given and checked only when a push needs them, so that a
 * registry without them does not stop Hoist from starting.
 */
record EcrSettings(String registryName, boolean createRepository, Optional<URI> apiEndpoint, Duration apiTimeout,
                   String accessKeyId, SecretText secretAccessKey, SecretText sessionToken) {

    static final String CREATE_REPOSITORY = "create-repository";
    static final String ACCESS_KEY_ID = "access-key-id";
    static final String SECRET_ACCESS_KEY = "secret-access-key";
    static final String SESSION_TOKEN = "session-token";
    static final String API_ENDPOINT = "api-endpoint";
    static final String API_TIMEOUT = "api-timeout";

    /**
     * Every problem of an ecr registry's own settings, for core's load-time check; each with
     * its key, and never with a value (the keys hold secrets). Empty AWS credentials are no
     * problem here: a push reports them, so that a registry without them does not stop Hoist.
     *
     * @param config the registry's config, with this flavor's defaults as fallback
     * @return the problems, empty when {@link #read} will succeed
     */
    static List<SettingProblem> check(Config config) {
        List<SettingProblem> problems = new ArrayList<>();
        if (!hasType(config, CREATE_REPOSITORY, ConfigValueType.BOOLEAN)) {
            problems.add(new SettingProblem(CREATE_REPOSITORY, "Expected true or false; found " + typeOf(config, CREATE_REPOSITORY) + "."));
        }
        try {
            Duration timeout = config.getDuration(API_TIMEOUT);
            if (timeout.isNegative() || timeout.isZero()) {
                problems.add(new SettingProblem(API_TIMEOUT, "Is " + timeout + "; it must be a positive duration, like 30s."));
            }
        } catch (ConfigException wrong) {
            problems.add(new SettingProblem(API_TIMEOUT, "Expected a positive duration, like 30s; found "
                    + typeOf(config, API_TIMEOUT) + "."));
        }
        if (!hasType(config, API_ENDPOINT, ConfigValueType.STRING)) {
            problems.add(new SettingProblem(API_ENDPOINT, "Expected a string, empty or an http(s) URL; found "
                    + typeOf(config, API_ENDPOINT) + "."));
        } else {
            String text = config.getString(API_ENDPOINT).strip();
            endpointProblem(text).ifPresent(problem -> problems.add(new SettingProblem(API_ENDPOINT,
                    "Is '" + text + "'" + problem)));
        }
        for (String key : List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN)) {
            if (config.hasPath(key) && config.getValue(key).valueType() != ConfigValueType.STRING) {
                problems.add(new SettingProblem(key, "Expected a string (empty means not set); found "
                        + typeOf(config, key) + "."));
            }
        }
        return problems;
    }

    private static boolean hasType(Config config, String key, ConfigValueType type) {
        if (!config.hasPath(key)) {
            return false;
        }
        ConfigValueType found = config.getValue(key).valueType();
        // Typesafe Config reads the strings "true"/"false"/"yes"/"no"/"on"/"off" as booleans too.
        if (type == ConfigValueType.BOOLEAN && found == ConfigValueType.STRING) {
            try {
                config.getBoolean(key);
                return true;
            } catch (ConfigException.WrongType notBoolean) {
                return false;
            }
        }
        return found == type;
    }

    /** The value's type only: values of these keys may be secrets. */
    private static String typeOf(Config config, String key) {
        return config.hasPath(key) ? config.getValue(key).valueType().name().toLowerCase(java.util.Locale.ROOT) : "nothing";
    }

    /**
     * @throws HoistException naming the setting, its origin and what it should be
     */
    static EcrSettings read(ComponentSettings settings) {
        Config config = settings.config();
        try {
            Duration timeout = config.getDuration(API_TIMEOUT);
            if (timeout.isNegative() || timeout.isZero()) {
                throw invalid(settings, API_TIMEOUT, "is " + timeout + " (" + origin(config, API_TIMEOUT)
                        + "); it must be a positive duration, like 30s.");
            }
            return new EcrSettings(settings.name(), config.getBoolean(CREATE_REPOSITORY), endpoint(settings), timeout,
                    optional(config, ACCESS_KEY_ID), SecretText.of(optional(config, SECRET_ACCESS_KEY)),
                    SecretText.of(optional(config, SESSION_TOKEN)));
        } catch (ConfigException wrong) {
            // Typesafe's message names the path, the origin (file:line) and the expected type.
            throw new HoistException("Registry '" + settings.name() + "' (flavor ecr) has an invalid setting: "
                    + wrong.getMessage(), wrong);
        }
    }

    /** The endpoint to call: the configured one, else the region's own. */
    URI apiEndpoint(EcrRegistryHost registry) {
        return apiEndpoint.orElseGet(registry::apiEndpoint);
    }

    /**
     * The credentials to sign with.
     *
     * @throws AwsCredentialsMissingException naming what is empty and how to set it
     */
    AwsCredentials credentials() {
        List<String> missing = new ArrayList<>();
        if (accessKeyId.isBlank()) {
            missing.add(ACCESS_KEY_ID + " (AWS_ACCESS_KEY_ID)");
        }
        if (secretAccessKey.isEmpty()) {
            missing.add(SECRET_ACCESS_KEY + " (AWS_SECRET_ACCESS_KEY)");
        }
        if (!missing.isEmpty()) {
            throw new AwsCredentialsMissingException("Registry '" + registryName + "' (flavor ecr) has no AWS credentials"
                    + " for the ECR API: " + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " empty. Export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary"
                    + " credentials), or set " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " on registry '"
                    + registryName + "' in the Hoist config.");
        }
        return new AwsCredentials(accessKeyId.strip(), secretAccessKey,
                sessionToken.isEmpty() ? Optional.empty() : Optional.of(sessionToken));
    }

    /** A string setting where empty, or absent, means "not set". */
    private static String optional(Config config, String key) {
        return config.hasPath(key) ? config.getString(key) : "";
    }

    private static Optional<URI> endpoint(ComponentSettings settings) {
        String text = optional(settings.config(), API_ENDPOINT).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String where = " (" + origin(settings.config(), API_ENDPOINT) + ")";
        Optional<String> problem = endpointProblem(text);
        if (problem.isPresent()) {
            throw invalid(settings, API_ENDPOINT, "is '" + text + "'" + where + problem.get());
        }
        return Optional.of(URI.create(text));
    }

    /** What is wrong with a non-empty endpoint, as the end of a sentence about it; empty when it is usable. */
    private static Optional<String> endpointProblem(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI endpoint = new URI(text);
            boolean http = "https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme());
            if (!http || endpoint.getHost() == null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
                return Optional.of("; it must be an http(s) URL with a host and no query, like 'https://api.ecr.eu-west-1.amazonaws.com/'.");
            }
            return Optional.empty();
        } catch (URISyntaxException malformed) {
            return Optional.of(", which is not a URL: " + malformed.getMessage());
        }
    }

    private static String origin(Config config, String key) {
        return config.getValue(key).origin().description();
    }

    private static HoistException invalid(ComponentSettings settings, String key, String problem) {
        return new HoistException("Registry '" + settings.name() + "' (flavor ecr) setting " + key + " " + problem);
    }
}
