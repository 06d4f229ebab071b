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
import dev.hoist.component.ComponentConfig;
import dev.hoist.component.ComponentDefinition;
import dev.hoist.component.ComponentType;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
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
            throw new HoistConfigException(List.of(problemOf(ROOT, bad)));
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
        return load(config, ROOT, loader, flavors, unusable);
    }

    /**
     * As {@link #load(Config, ClassLoader, Map, Map)}, for Hoist's settings under another root
     * path, such as a host's {@code mystack.components}. The keys below the root are the same as
     * under {@code hoist}, with the same defaults from every {@code reference.conf}.
     *
     * @param root a config path, such as {@code hoist} or {@code mystack.components}
     */
    public static HoistSettings load(Config config, String root, ClassLoader loader,
                                     Map<String, ? extends ContainerRegistryFlavor> flavors, Map<String, String> unusable) {
        Config reference = reference(root, loader);
        Config resolved = resolve(config, root, reference);
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            resolved.checkValid(reference, root);
        } catch (ConfigException.ValidationFailed invalid) {
            invalid.problems().forEach(p -> problems.add(new ConfigProblem(p.path(), originOf(p.origin()), p.problem())));
        }
        Config hoist = resolved.getConfig(root);
        Map<String, RegistryDefinition> registries = readRegistries(hoist, root, flavors, unusable, problems);
        String defaultRegistry = readDefaultRegistry(hoist, root, registries, problems);
        DockerSettings docker = readDocker(hoist, root, problems);
        Duration helperTimeout = positiveDuration(hoist, root, "auth", "helper-timeout", problems);
        if (!problems.isEmpty()) {
            throw new HoistConfigException(problems);
        }
        return new HoistSettings(defaultRegistry, registries, docker, helperTimeout);
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

    private static Map<String, RegistryDefinition> readRegistries(Config hoist, String root,
                                                                  Map<String, ? extends ContainerRegistryFlavor> flavors,
                                                                  Map<String, String> unusable, List<ConfigProblem> problems) {
        Map<String, RegistryDefinition> registries = new LinkedHashMap<>();
        // The generic component reader, with the registry flavors' own checks: URI and credentials.
        ComponentConfig.read(hoist, root, ComponentType.CONTAINER_REGISTRY, flavors, unusable, problems)
                .forEach((name, definition) -> registries.put(name, registryOf(definition, flavors.get(definition.flavor()))));
        return registries;
    }

    /** A checked component definition as registry settings, with the URI in its flavor's normal form. */
    public static RegistryDefinition registryOf(ComponentDefinition definition, ContainerRegistryFlavor flavor) {
        ComponentSettings settings = definition.settings();
        String uri = flavor.normalizeUri(settings.config().getString("uri"));
        return new RegistryDefinition(new RegistrySettings(settings.name(), settings.flavor(), uri, settings.config()),
                definition.origin());
    }

    private static String readDefaultRegistry(Config hoist, String root, Map<String, RegistryDefinition> registries,
                                              List<ConfigProblem> problems) {
        if (!hoist.hasPath("default-registry") || hoist.getValue("default-registry").valueType() != ConfigValueType.STRING) {
            return null; // checkValid has reported it.
        }
        String name = hoist.getString("default-registry");
        Set<String> configured = hoist.hasPath("registries") ? hoist.getObject("registries").keySet() : Set.of();
        if (!configured.contains(name)) {
            problems.add(new ConfigProblem(root + ".default-registry", originOf(hoist.getValue("default-registry").origin()),
                    "Names registry '" + name + "', which is not configured. Configured registries: "
                            + (configured.isEmpty() ? "none" : String.join(", ", new TreeSet<>(configured))) + "."));
        }
        return name;
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
                idleTimeout);
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
