package dev.hoist.config;

import static dev.hoist.config.ComponentValues.describe;
import static dev.hoist.config.ComponentValues.originOf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
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

    /** The transports a registry may use. */
    public static final List<String> TRANSPORTS = List.of("engine", "registry-api");

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
            throw new HoistConfigException(List.of(problemOf(ROOT, bad)));
        }
    }

    /**
     * Validates Hoist's own settings under {@code root}: {@code default-registry}, {@code docker}
     * and {@code auth}, and the types of every key that a {@code reference.conf} declares.
     * Components, registries included, are read and checked by the component machinery.
     *
     * @param config a config tree that holds an object at {@code root}; unresolved is fine
     * @param root a config path, such as {@code hoist} or {@code mystack.components}
     * @param loader the loader whose {@code reference.conf} files describe the valid keys
     * @return the settings
     * @throws HoistConfigException listing every problem found
     */
    public static HoistSettings load(Config config, String root, ClassLoader loader) {
        Config reference = reference(root, loader);
        Config resolved = resolve(config, root, reference);
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            resolved.checkValid(reference, root);
        } catch (ConfigException.ValidationFailed invalid) {
            invalid.problems().forEach(p -> problems.add(new ConfigProblem(p.path(), originOf(p.origin()), p.problem())));
        }
        Config hoist = resolved.getConfig(root);
        Optional<String> defaultRegistry = readDefaultRegistry(hoist, root, problems);
        DockerSettings docker = readDocker(hoist, root, problems);
        Duration helperTimeout = positiveDuration(hoist, root, "auth", "helper-timeout", problems);
        String transport = hoist.hasPath("transport") && hoist.getValue("transport").valueType() == ConfigValueType.STRING
                ? hoist.getString("transport") : null;
        if (transport != null && !TRANSPORTS.contains(transport)) {
            problems.add(new ConfigProblem(root + ".transport", originOf(hoist.getValue("transport").origin()),
                    "Expected \"engine\" or \"registry-api\"; found \"" + transport + "\"."));
        }
        if (!problems.isEmpty()) {
            throw new HoistConfigException(problems);
        }
        return new HoistSettings(defaultRegistry, docker, helperTimeout, transport);
    }

    /**
     * The subtree at {@code root}, resolved, with every {@code reference.conf}'s Hoist defaults as
     * fallback: what component loading reads beyond {@link HoistSettings}.
     *
     * @throws HoistConfigException if the tree does not resolve
     */
    public static Config tree(Config config, String root, ClassLoader loader) {
        return resolve(config, root, reference(root, loader)).getConfig(root);
    }

    /** Every jar's Hoist defaults, moved under {@code root} when it is not {@code hoist}. */
    private static Config reference(String root, ClassLoader loader) {
        Config reference = ConfigFactory.defaultReference(loader);
        return root.equals(ROOT) ? reference : reference.getConfig(ROOT).atPath(root);
    }

    private static Config resolve(Config config, String root, Config reference) {
        try {
            return config.withFallback(reference).resolve();
        } catch (ConfigException bad) {
            throw new HoistConfigException(List.of(problemOf(root, bad)));
        }
    }

    private static Optional<String> readDefaultRegistry(Config hoist, String root, List<ConfigProblem> problems) {
        if (!hoist.hasPath("default-registry") || hoist.getValue("default-registry").valueType() != ConfigValueType.STRING) {
            return Optional.empty(); // checkValid has reported it, or it was set to null: no default.
        }
        String name = hoist.getString("default-registry");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Set<String> configured = new TreeSet<>();
        if (hoist.hasPath("registries") && hoist.getValue("registries").valueType() == ConfigValueType.OBJECT) {
            hoist.getObject("registries").forEach((key, value) -> {
                if (value.valueType() != ConfigValueType.NULL) {
                    configured.add(key);
                }
            });
        }
        if (!configured.contains(name)) {
            problems.add(new ConfigProblem(root + ".default-registry", originOf(hoist.getValue("default-registry").origin()),
                    "Names registry '" + name + "', which is not configured. Configured registries: "
                            + (configured.isEmpty() ? "none" : String.join(", ", configured))
                            + ". Name one of them, or set it to \"\" for no default."));
        }
        return Optional.of(name);
    }

    private static DockerSettings readDocker(Config hoist, String root, List<ConfigProblem> problems) {
        if (!hoist.hasPath("docker") || hoist.getValue("docker").valueType() != ConfigValueType.OBJECT) {
            return null; // checkValid has reported it.
        }
        Config docker = hoist.getConfig("docker");
        String host = read(docker, root, "docker", "host", docker::getString, "a string such as unix:///var/run/docker.sock", problems);
        if (host != null && !host.isEmpty() && !host.startsWith("unix://") && !host.startsWith("tcp://")
                && !host.startsWith("npipe://")) {
            problems.add(problem(docker, root, "docker", "host", "Docker endpoint '" + host
                    + "' must start with unix://, tcp:// or npipe:// (for example unix:///var/run/docker.sock)."));
        }
        String verify = read(docker, root, "docker", "tls-verify", docker::getString, "a string such as \"1\" or \"\"", problems);
        boolean tlsVerify = verify != null && !List.of("", "0", "false", "no").contains(verify.strip().toLowerCase(Locale.ROOT));
        String certPath = read(docker, root, "docker", "cert-path", docker::getString, "a directory path, or \"\"", problems);
        String configDir = read(docker, root, "docker", "config-dir", docker::getString, "a directory path, or \"\"", problems);
        WrittenDuration connectTimeout = writtenDuration(hoist, root, "docker", "connect-timeout", problems);
        WrittenDuration pushTimeout = writtenDuration(hoist, root, "docker", "push-timeout", problems);
        WrittenDuration idleTimeout = writtenDuration(hoist, root, "docker", "idle-timeout", problems);
        return new DockerSettings(host, tlsVerify, nonBlank(certPath), nonBlank(configDir), connectTimeout, pushTimeout,
                idleTimeout, root + ".docker");
    }

    /** A positive duration with the text the user wrote for it; a bare number is milliseconds, as Typesafe reads it. */
    private static WrittenDuration writtenDuration(Config hoist, String root, String section, String key,
                                                   List<ConfigProblem> problems) {
        Duration value = positiveDuration(hoist, root, section, key, problems);
        if (value == null) {
            return null;
        }
        ConfigValue raw = hoist.getConfig(section).getValue(key);
        String text = raw.valueType() == ConfigValueType.NUMBER ? raw.unwrapped() + "ms" : String.valueOf(raw.unwrapped()).strip();
        return new WrittenDuration(value, text);
    }

    private static Duration positiveDuration(Config hoist, String root, String section, String key, List<ConfigProblem> problems) {
        if (!hoist.hasPath(section) || hoist.getValue(section).valueType() != ConfigValueType.OBJECT) {
            return null; // checkValid has reported it.
        }
        Config settings = hoist.getConfig(section);
        Duration value = read(settings, root, section, key, settings::getDuration, "a duration, like 30s or 5m", problems);
        if (value != null && (value.isNegative() || value.isZero())) {
            problems.add(problem(settings, root, section, key, "Expected a positive duration, like 30s or 5m; found "
                    + settings.getValue(key).render(ConfigRenderOptions.concise()) + "."));
        }
        return value;
    }

    /** Reads one setting of a section, turning a missing or mistyped value into a problem at its own path. */
    private static <T> T read(Config settings, String root, String section, String key, java.util.function.Function<String, T> getter,
                              String expected, List<ConfigProblem> problems) {
        if (!settings.hasPath(key)) {
            return null; // checkValid has reported it.
        }
        try {
            return getter.apply(key);
        } catch (ConfigException wrong) {
            problems.add(problem(settings, root, section, key, "Expected " + expected + "; found " + describe(settings.getValue(key)) + "."));
            return null;
        }
    }

    private static ConfigProblem problem(Config settings, String root, String section, String key, String message) {
        return new ConfigProblem(root + "." + section + "." + key, originOf(settings.getValue(key).origin()), message);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A file that does not parse, or a substitution that does not resolve. */
    private static ConfigProblem problemOf(String root, ConfigException bad) {
        return new ConfigProblem(root, originOf(bad.origin()), bad.getMessage());
    }
}
