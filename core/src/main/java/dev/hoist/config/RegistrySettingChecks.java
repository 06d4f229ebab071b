package dev.hoist.config;

import dev.hoist.spi.HoistException;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.hoist.push.TransportName;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.InvalidRegistryUriException;
import dev.hoist.spi.SettingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings every container registry has, checked the same way for every flavor: the URI
 * by the flavor's rules, and the credential settings. {@link ContainerRegistryFlavor#check}
 * calls these.
 */
public final class RegistrySettingChecks {

    private static final String URI_EXPECTED = "the registry URI, like \"localhost:5000\" or \"ghcr.io/owner\"";

    /**
     * The keys of a registry's {@code credentials} object, which this class reads (with
     * {@link dev.hoist.auth.ExplicitCredentials}): {@code username}, and {@code password} or
     * {@code password-file}. {@code reference.conf} cannot declare them, as {@code credentials} has no default.
     */
    private static final List<String> CREDENTIAL_KEYS = List.of("username", "password", "password-file");

    private RegistrySettingChecks() {
    }

    /** The problem with the registry's {@code uri}, if any. */
    public static Optional<SettingProblem> uri(ContainerRegistryFlavor flavor, ComponentSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        String uri = settingKeys(settings.config(), "", problems).string("uri", URI_EXPECTED);
        if (uri == null) {
            return problems.stream().findFirst();
        }
        try {
            flavor.normalizeUri(uri);
            return Optional.empty();
        } catch (InvalidRegistryUriException invalid) {
            return Optional.of(new SettingProblem("uri", "Flavor '" + settings.flavor() + "' rejects this URI: "
                    + invalid.getMessage()));
        } catch (dev.hoist.spi.HoistException failed) {
            return Optional.of(new SettingProblem("uri", failed.getMessage()));
        }
    }

    /**
     * The registry's URI in its flavor's normal form; call only after {@link #uri} found no problem.
     *
     * @param flavor the registry's flavor
     * @param settings the registry's checked settings
     * @return the normal form
     */
    public static String normalizedUri(ContainerRegistryFlavor flavor, ComponentSettings settings) {
        return flavor.normalizeUri(settings.config().getString("uri"));
    }

    /** The problems of {@code credentials}, {@code credentials-helper} and {@code disabled-credential-sources}. */
    public static List<SettingProblem> credentials(Config registry) {
        List<SettingProblem> problems = new ArrayList<>();
        if (registry.hasPath("credentials")) {
            ConfigValue value = registry.getValue("credentials");
            if (value.valueType() != ConfigValueType.OBJECT) {
                problems.add(new SettingProblem("credentials",
                        "Expected an object { username = ..., password = ... } or { username = ..., password-file = ... }; found "
                                + ComponentValues.describe("credentials", value) + "."));
            } else {
                Config credentials = ((ConfigObject) value).toConfig();
                List<ConfigProblem> unknown = new ArrayList<>();
                UnknownKeys.check((ConfigObject) value, CREDENTIAL_KEYS, "credentials", "credentials setting", unknown);
                unknown.forEach(problem -> problems.add(new SettingProblem(problem.path(), problem.message())));
                KeyReader keys = settingKeys(credentials, "credentials", problems);
                keys.string("username", "the registry user name");
                boolean password = credentials.hasPath("password");
                boolean passwordFile = credentials.hasPath("password-file");
                if (password == passwordFile) {
                    problems.add(new SettingProblem("credentials", password
                            ? "Has both password and password-file; keep one."
                            : "Has no password: set password (for example password = ${?REGISTRY_PASSWORD}, and export"
                                    + " that variable) or password-file = \"/path/to/file\"."));
                } else {
                    keys.string(password ? "password" : "password-file",
                            password ? "the password or token" : "the path of a file holding the password");
                }
            }
        }
        if (registry.hasPath("credentials-helper")) {
            ConfigValue helper = registry.getValue("credentials-helper");
            if (helper.valueType() != ConfigValueType.STRING || !((String) helper.unwrapped()).matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                problems.add(new SettingProblem("credentials-helper",
                        "Expected the suffix of a docker-credential-<suffix> program, like \"ecr-login\"; found "
                                + ComponentValues.describe("credentials-helper", helper) + "."));
            }
        }
        if (registry.hasPath("transport") && (registry.getValue("transport").valueType() != ConfigValueType.STRING
                || !(((String) registry.getValue("transport").unwrapped()).isEmpty()
                        || TransportName.fromConfigName((String) registry.getValue("transport").unwrapped()).isPresent()))) {
            problems.add(new SettingProblem("transport", "Expected \"engine\", \"registry-api\" or \"\" (the global"
                    + " transport); found " + ComponentValues.describe("transport", registry.getValue("transport")) + "."));
        }
        if (registry.hasPath("ca-file") && registry.getValue("ca-file").valueType() != ConfigValueType.STRING) {
            problems.add(new SettingProblem("ca-file", "Expected the path of a PEM file, or \"\"; found "
                    + ComponentValues.describe("ca-file", registry.getValue("ca-file")) + "."));
        } else if (registry.hasPath("ca-file") && !registry.getString("ca-file").isBlank()
                && !java.nio.file.Files.isReadable(java.nio.file.Path.of(registry.getString("ca-file")))) {
            problems.add(new SettingProblem("ca-file", "The CA file " + registry.getString("ca-file")
                    + " does not exist or cannot be read."));
        }
        // A boolean as Typesafe Config reads one: true/false, or a string such as "true" (a -D system property).
        if (registry.hasPath("insecure") && !isBoolean(registry, "insecure")) {
            problems.add(new SettingProblem("insecure", "Expected true or false; found "
                    + ComponentValues.describe("insecure", registry.getValue("insecure")) + "."));
        }
        try {
            if (registry.hasPath("disabled-credential-sources")) {
                registry.getStringList("disabled-credential-sources");
            }
        } catch (ConfigException wrong) {
            problems.add(new SettingProblem("disabled-credential-sources",
                    "Expected a list of credential source ids, like [\"docker-config\"]."));
        }
        return problems;
    }

    /** A reader of a registry's keys whose problems are {@link SettingProblem}s, named relative to the registry. */
    private static KeyReader settingKeys(Config section, String path, List<SettingProblem> problems) {
        return new KeyReader(section, path, (key, origin, message) -> problems.add(new SettingProblem(key, message)));
    }

    /** Whether {@code path} reads as a boolean: {@code true}/{@code false}, or a string Typesafe Config converts. */
    static boolean isBoolean(com.typesafe.config.Config config, String path) {
        try {
            config.getBoolean(path);
            return true;
        } catch (com.typesafe.config.ConfigException.WrongType notBoolean) {
            return false;
        }
    }
}
