package dev.hoist.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.InvalidRegistryUriException;
import dev.hoist.spi.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads and validates Hoist's configuration under a root path ({@code hoist} by default).
 *
 * <p>Every problem is collected before anything is reported, so one run shows them all,
 * each with its config path, its origin and what is expected.
 */
public final class HoistConfig {

    /** The root path of Hoist's settings in a config tree. */
    public static final String ROOT = "hoist";

    private HoistConfig() {
    }

    /**
     * The application's config the Typesafe way ({@code application.conf}, system
     * properties, every jar's {@code reference.conf}) as {@code loader} sees it.
     */
    public static Config defaults(ClassLoader loader) {
        return ConfigFactory.load(loader);
    }

    /**
     * A config file laid over the defaults. System properties still win, as in
     * {@link ConfigFactory#load()}.
     *
     * @throws HoistConfigException if the file is missing or does not parse
     */
    public static Config fromFile(Path file, ClassLoader loader) {
        if (!Files.isRegularFile(file)) {
            throw new HoistConfigException(List.of(new ConfigProblem("(file)", file.toString(),
                    "The config file does not exist or is not a regular file.")));
        }
        try {
            Config parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            return ConfigFactory.defaultOverrides(loader)
                    .withFallback(parsed)
                    .withFallback(ConfigFactory.defaultReference(loader))
                    .resolve();
        } catch (ConfigException bad) {
            throw new HoistConfigException(List.of(problemOf(bad)));
        }
    }

    /**
     * Validates the {@code hoist} subtree of {@code config} against the flavors at hand.
     *
     * @param config a config tree that holds a {@code hoist} object; unresolved is fine
     * @param loader the loader whose {@code reference.conf} files describe the valid keys
     * @param flavors the container registry flavors available, by name
     * @throws HoistConfigException listing every problem found
     */
    public static HoistSettings load(Config config, ClassLoader loader, Map<String, ? extends ContainerRegistryFlavor> flavors) {
        return load(config, loader, flavors, Map.of());
    }

    /**
     * As {@link #load(Config, ClassLoader, Map)}, knowing why some flavor names are unusable.
     *
     * @param unusable flavor names that discovery refused, such as those two jars provide, with the reason
     */
    public static HoistSettings load(Config config, ClassLoader loader, Map<String, ? extends ContainerRegistryFlavor> flavors,
                                     Map<String, String> unusable) {
        Config reference = ConfigFactory.defaultReference(loader);
        Config resolved;
        try {
            resolved = config.withFallback(reference).resolve();
        } catch (ConfigException bad) {
            throw new HoistConfigException(List.of(problemOf(bad)));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            resolved.checkValid(reference, ROOT);
        } catch (ConfigException.ValidationFailed invalid) {
            invalid.problems().forEach(p -> problems.add(new ConfigProblem(p.path(), originOf(p.origin()), p.problem())));
        }
        Config hoist = resolved.getConfig(ROOT);
        Map<String, RegistryDefinition> registries = readRegistries(hoist, flavors, unusable, problems);
        String defaultRegistry = readDefaultRegistry(hoist, registries, problems);
        DockerSettings docker = readDocker(hoist, problems);
        Duration helperTimeout = positiveDuration(hoist, "auth", "helper-timeout", problems);
        if (!problems.isEmpty()) {
            throw new HoistConfigException(problems);
        }
        return new HoistSettings(defaultRegistry, registries, docker, helperTimeout);
    }

    private static Map<String, RegistryDefinition> readRegistries(Config hoist, Map<String, ? extends ContainerRegistryFlavor> flavors,
                                                                  Map<String, String> unusable, List<ConfigProblem> problems) {
        Map<String, RegistryDefinition> registries = new LinkedHashMap<>();
        String available = flavors.isEmpty() ? "none" : String.join(", ", new TreeSet<>(flavors.keySet()));
        if (!hoist.hasPath("registries") || hoist.getValue("registries").valueType() != ConfigValueType.OBJECT) {
            return registries; // checkValid has reported it.
        }
        ConfigObject entries = hoist.getObject("registries");
        for (String name : new TreeSet<>(entries.keySet())) {
            String path = ROOT + ".registries." + quoteKey(name);
            ConfigValue value = entries.get(name);
            if (value.valueType() != ConfigValueType.OBJECT) {
                problems.add(new ConfigProblem(path, originOf(value.origin()),
                        "Expected an object { flavor = ..., uri = ... }, found " + describe(value) + "."));
                continue;
            }
            Config registry = ((ConfigObject) value).toConfig();
            Optional<String> flavorName = requireString(registry, path, "flavor", value.origin(),
                    "the name of a flavor, one of: " + available, problems);
            Optional<String> uri = requireString(registry, path, "uri", value.origin(),
                    "the registry URI, like \"localhost:5000\" or \"ghcr.io/owner\"", problems);
            if (flavorName.isEmpty()) {
                continue;
            }
            ContainerRegistryFlavor flavor = flavors.get(flavorName.get());
            if (flavor == null && unusable.containsKey(flavorName.get())) {
                problems.add(new ConfigProblem(path + ".flavor", originOf(registry.getValue("flavor").origin()),
                        unusable.get(flavorName.get())));
                continue;
            }
            if (flavor == null) {
                problems.add(new ConfigProblem(path + ".flavor", originOf(registry.getValue("flavor").origin()),
                        "Unknown flavor '" + flavorName.get() + "'. Available: " + available + ". Put its jar on the class path (artifact dev.hoist:hoist-flavor-" + flavorName.get() + ")."));
                continue;
            }
            if (uri.isEmpty()) {
                continue;
            }
            String normalized;
            try {
                normalized = flavor.normalizeUri(uri.get());
            } catch (InvalidRegistryUriException invalid) {
                problems.add(new ConfigProblem(path + ".uri", originOf(registry.getValue("uri").origin()),
                        "Flavor '" + flavorName.get() + "' rejects this URI: " + invalid.getMessage()));
                continue;
            }
            Config withDefaults = registry.withFallback(flavorRegistryDefaults(hoist, flavorName.get()))
                    .withFallback(coreRegistryDefaults(hoist));
            if (!credentialSettingsValid(withDefaults, path, value.origin(), problems)) {
                continue;
            }
            RegistrySettings settings = new RegistrySettings(name, flavorName.get(), normalized, withDefaults);
            registries.put(name, new RegistryDefinition(settings, originOf(value.origin())));
        }
        return registries;
    }

    private static Config flavorRegistryDefaults(Config hoist, String flavor) {
        String path = "flavors." + quoteKey(flavor) + ".registry-defaults";
        return hoist.hasPath(path) && hoist.getValue(path).valueType() == ConfigValueType.OBJECT
                ? hoist.getConfig(path) : ConfigFactory.empty();
    }

    private static Config coreRegistryDefaults(Config hoist) {
        return hoist.hasPath("registry-defaults") && hoist.getValue("registry-defaults").valueType() == ConfigValueType.OBJECT
                ? hoist.getConfig("registry-defaults") : ConfigFactory.empty();
    }

    /** The credential settings a registry may carry; each problem is reported at its own path. */
    private static boolean credentialSettingsValid(Config registry, String path, ConfigOrigin parentOrigin,
                                                   List<ConfigProblem> problems) {
        int before = problems.size();
        if (registry.hasPath("credentials")) {
            ConfigValue value = registry.getValue("credentials");
            if (value.valueType() != ConfigValueType.OBJECT) {
                problems.add(new ConfigProblem(path + ".credentials", originOf(value.origin()),
                        "Expected an object { username = ..., password = ... } or { username = ..., password-file = ... }; found "
                                + describe(value) + "."));
            } else {
                Config credentials = ((ConfigObject) value).toConfig();
                String at = path + ".credentials";
                requireString(credentials, at, "username", value.origin(), "the registry user name", problems);
                boolean password = credentials.hasPath("password");
                boolean passwordFile = credentials.hasPath("password-file");
                if (password == passwordFile) {
                    problems.add(new ConfigProblem(at, originOf(value.origin()), password
                            ? "Has both password and password-file; keep one."
                            : "Has no password: set password (for example password = ${?REGISTRY_PASSWORD}, and export"
                                    + " that variable) or password-file = \"/path/to/file\"."));
                } else {
                    requireString(credentials, at, password ? "password" : "password-file", value.origin(),
                            password ? "the password or token" : "the path of a file holding the password", problems);
                }
            }
        }
        if (registry.hasPath("credentials-helper")) {
            ConfigValue helper = registry.getValue("credentials-helper");
            if (helper.valueType() != ConfigValueType.STRING || !((String) helper.unwrapped()).matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                problems.add(new ConfigProblem(path + ".credentials-helper", originOf(helper.origin()),
                        "Expected the suffix of a docker-credential-<suffix> program, like \"ecr-login\"; found "
                                + describe(helper) + "."));
            }
        }
        try {
            registry.getStringList("disabled-credential-sources");
        } catch (ConfigException wrong) {
            ConfigOrigin origin = registry.hasPath("disabled-credential-sources")
                    ? registry.getValue("disabled-credential-sources").origin() : parentOrigin;
            problems.add(new ConfigProblem(path + ".disabled-credential-sources", originOf(origin),
                    "Expected a list of credential source ids, like [\"docker-config\"]."));
        }
        return problems.size() == before;
    }

    private static String readDefaultRegistry(Config hoist, Map<String, RegistryDefinition> registries,
                                              List<ConfigProblem> problems) {
        if (!hoist.hasPath("default-registry") || hoist.getValue("default-registry").valueType() != ConfigValueType.STRING) {
            return null; // checkValid has reported it.
        }
        String name = hoist.getString("default-registry");
        Set<String> configured = hoist.hasPath("registries") ? hoist.getObject("registries").keySet() : Set.of();
        if (!configured.contains(name)) {
            problems.add(new ConfigProblem(ROOT + ".default-registry", originOf(hoist.getValue("default-registry").origin()),
                    "Names registry '" + name + "', which is not configured. Configured registries: "
                            + (configured.isEmpty() ? "none" : String.join(", ", new TreeSet<>(configured))) + "."));
        }
        return name;
    }

    private static DockerSettings readDocker(Config hoist, List<ConfigProblem> problems) {
        if (!hoist.hasPath("docker") || hoist.getValue("docker").valueType() != ConfigValueType.OBJECT) {
            return null; // checkValid has reported it.
        }
        Config docker = hoist.getConfig("docker");
        String host = read(docker, "docker", "host", docker::getString, "a string such as unix:///var/run/docker.sock", problems);
        if (host != null && !host.startsWith("unix://") && !host.startsWith("tcp://") && !host.startsWith("npipe://")) {
            problems.add(problem(docker, "docker", "host", "Docker endpoint '" + host
                    + "' must start with unix://, tcp:// or npipe:// (for example unix:///var/run/docker.sock)."));
        }
        String verify = read(docker, "docker", "tls-verify", docker::getString, "a string such as \"1\" or \"\"", problems);
        boolean tlsVerify = verify != null && !List.of("", "0", "false", "no").contains(verify.strip().toLowerCase(Locale.ROOT));
        String certPath = read(docker, "docker", "cert-path", docker::getString, "a directory path, or \"\"", problems);
        String configDir = read(docker, "docker", "config-dir", docker::getString, "a directory path, or \"\"", problems);
        Duration connectTimeout = positiveDuration(hoist, "docker", "connect-timeout", problems);
        Duration pushTimeout = positiveDuration(hoist, "docker", "push-timeout", problems);
        return new DockerSettings(host, tlsVerify, nonBlank(certPath), nonBlank(configDir), connectTimeout, pushTimeout);
    }

    private static Duration positiveDuration(Config hoist, String section, String key, List<ConfigProblem> problems) {
        if (!hoist.hasPath(section) || hoist.getValue(section).valueType() != ConfigValueType.OBJECT) {
            return null; // checkValid has reported it.
        }
        Config settings = hoist.getConfig(section);
        Duration value = read(settings, section, key, settings::getDuration, "a duration, like 30s or 5m", problems);
        if (value != null && (value.isNegative() || value.isZero())) {
            problems.add(problem(settings, section, key, "Expected a positive duration, like 30s or 5m; found "
                    + settings.getValue(key).render(ConfigRenderOptions.concise()) + "."));
        }
        return value;
    }

    /** Reads one setting of a section, turning a missing or mistyped value into a problem at its own path. */
    private static <T> T read(Config settings, String section, String key, java.util.function.Function<String, T> getter,
                              String expected, List<ConfigProblem> problems) {
        if (!settings.hasPath(key)) {
            return null; // checkValid has reported it.
        }
        try {
            return getter.apply(key);
        } catch (ConfigException wrong) {
            problems.add(problem(settings, section, key, "Expected " + expected + "; found " + describe(settings.getValue(key)) + "."));
            return null;
        }
    }

    private static ConfigProblem problem(Config settings, String section, String key, String message) {
        return new ConfigProblem(ROOT + "." + section + "." + key, originOf(settings.getValue(key).origin()), message);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<String> requireString(Config registry, String path, String key, ConfigOrigin parentOrigin,
                                                  String expected, List<ConfigProblem> problems) {
        if (!registry.hasPath(key)) {
            problems.add(new ConfigProblem(path + "." + key, originOf(parentOrigin), "Missing; expected " + expected + "."));
            return Optional.empty();
        }
        ConfigValue value = registry.getValue(key);
        if (value.valueType() != ConfigValueType.STRING) {
            problems.add(new ConfigProblem(path + "." + key, originOf(value.origin()),
                    "Expected a string, " + expected + "; found " + describe(value) + "."));
            return Optional.empty();
        }
        return Optional.of((String) value.unwrapped());
    }

    private static String describe(ConfigValue value) {
        return value.valueType().name().toLowerCase(Locale.ROOT) + " " + value.render(ConfigRenderOptions.concise());
    }

    /** A file that does not parse, or a substitution that does not resolve. */
    private static ConfigProblem problemOf(ConfigException bad) {
        return new ConfigProblem(ROOT, bad.origin() == null ? "(unknown origin)" : originOf(bad.origin()), bad.getMessage());
    }

    /** {@code file:line} where a value came from, or the origin's own description when it has no file. */
    static String originOf(ConfigOrigin origin) {
        if (origin == null) {
            return "(unknown origin)";
        }
        String where = origin.filename() != null ? origin.filename()
                : origin.url() != null ? origin.url().toString()
                : origin.resource() != null ? origin.resource() : null;
        if (where == null) {
            return origin.description();
        }
        return origin.lineNumber() > 0 ? where + ":" + origin.lineNumber() : where;
    }

    private static String quoteKey(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }
}
