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
import dev.hoist.push.TransportName;
import dev.hoist.spi.StackComponentType;
import java.util.ArrayList;
import java.util.Collection;
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

    /** The key of the stacks, by name, under the root. */
    private static final String STACKS = "stacks";

    /** The key of the registry-API transport's settings under the root. */

    private HoistConfig() {
    }

    /**
     * The application's config the Typesafe way ({@code application.conf}, system
     * properties, every jar's {@code reference.conf}) as {@code loader} sees it.
     */
    public static Config defaults(ClassLoader loader) {
        return defaults(loader, ROOT);
    }

    /**
     * As {@link #defaults(ClassLoader)}, for a config whose settings sit under {@code root}, which its problems name.
     *
     * @param loader the class loader whose {@code application.conf} and {@code reference.conf} files are read
     * @param root the root path of the settings, such as {@code hoist} or a host's {@code mystack.components}
     */
    public static Config defaults(ClassLoader loader, String root) {
        try {
            return ConfigFactory.load(loader);
        } catch (ConfigException bad) {
            throw new HoistConfigException(root, List.of(problemOf(root, bad)));
        } catch (StackOverflowError deep) {
            throw new HoistConfigException(root, List.of(tooDeep(root, "(application.conf or -Dconfig.file)")));
        }
    }

    /**
     * A config file laid over the defaults. System properties still win, as in
     * {@link ConfigFactory#load()}. A relative path is taken from the working directory, and the
     * file's {@code include}s relative to the file.
     *
     * @throws HoistConfigException if the file is missing or does not parse
     */
    public static Config fromFile(Path file, ClassLoader loader) {
        return fromFile(file, loader, ROOT);
    }

    /**
     * As {@link #fromFile(Path, ClassLoader)}, for a config whose settings sit under {@code root}, which its
     * problems name.
     *
     * @param file the config file
     * @param loader the class loader whose {@code reference.conf} files give the defaults
     * @param root the root path of the settings, such as {@code hoist} or a host's {@code mystack.components}
     * @throws HoistConfigException if the file is missing or does not parse
     */
    public static Config fromFile(Path file, ClassLoader loader, String root) {
        if (!Files.isRegularFile(file)) {
            throw new HoistConfigException(root, List.of(new ConfigProblem("(file)", file.toString(),
                    "The config file does not exist or is not a regular file.")));
        }
        try {
            // Absolute, so that an include resolves next to the file: Typesafe finds no directory for a bare
            // relative name such as "app.conf" and drops its includes silently.
            Config parsed = ConfigFactory.parseFile(file.toAbsolutePath().toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false));
            return ConfigFactory.defaultOverrides(loader)
                    .withFallback(parsed)
                    .withFallback(referenceFiles(loader))
                    .resolve();
        } catch (ConfigException bad) {
            throw new HoistConfigException(root, List.of(problemOf(root, bad)));
        } catch (StackOverflowError deep) {
            throw new HoistConfigException(root, List.of(tooDeep(root, file.toString())));
        }
    }

    /**
     * Validates Hoist's own settings under {@code root}: {@code default-registry}, {@code docker},
     * {@code auth}, {@code transport} and {@code registry-api}, and the types of every key that a {@code reference.conf} declares.
     * Components, registries included, are read and checked by the component machinery.
     *
     * @param config a config tree that holds an object at {@code root}; unresolved is fine
     * @param root a config path, such as {@code hoist} or {@code mystack.components}
     * @param loader the loader whose {@code reference.conf} files describe the valid keys
     * @return the settings
     * @throws HoistConfigException listing every problem found
     */
    public static HoistSettings load(Config config, String root, ClassLoader loader) {
        return load(config, root, loader, ConfigFactory.empty(), List.of(StackComponentType.CONTAINER_REGISTRY));
    }

    /**
     * As {@link #load(Config, String, ClassLoader)}, also refusing every key Hoist does not read:
     * at the root, in {@code docker}, {@code auth}, {@code plugins} and any other section a
     * {@code reference.conf} declares, and in each stack, whose keys are component type ids. The
     * component types' own sections are checked by {@link dev.hoist.component.ComponentConfig}.
     *
     * @param config a config tree that holds an object at {@code root}; unresolved is fine
     * @param root a config path, such as {@code hoist} or {@code mystack.components}
     * @param loader the loader whose {@code reference.conf} files describe the valid keys
     * @param pluginReferences the plugins' {@code reference.conf} settings, under {@code root}
     * @param types every component type the injector knows, registries included
     * @return the settings
     * @throws HoistConfigException listing every problem found; no problem shows a credential's value
     */
    public static HoistSettings load(Config config, String root, ClassLoader loader, Config pluginReferences,
                                     Collection<StackComponentType> types) {
        return load(config, root, loader, pluginReferences, types, Map.of());
    }

    /**
     * As {@link #load(Config, String, ClassLoader, Config, Collection)}, also checking each of {@code sections}
     * (a section name under the root, such as {@code registry-api}, and the rules of the code that reads it);
     * their problems are reported with the others, at once.
     *
     * @param config a config tree that holds an object at {@code root}; unresolved is fine
     * @param root a config path, such as {@code hoist} or {@code mystack.components}
     * @param loader the loader whose {@code reference.conf} files describe the valid keys
     * @param pluginReferences the plugins' {@code reference.conf} settings, under {@code root}
     * @param types the component types whose ids are a stack's keys
     * @param sections the sections to check with their readers' rules, by name under the root
     * @return the settings, with what each section's reader read
     * @throws HoistConfigException listing every problem found
     */
    public static HoistSettings load(Config config, String root, ClassLoader loader, Config pluginReferences,
                                     Collection<StackComponentType> types, Map<String, ? extends SectionReader<?>> sections) {
        return load(ResolvedConfig.of(config, root, loader, pluginReferences), types, sections);
    }

    /**
     * As {@link #load(Config, String, ClassLoader, Config, Collection, Map)}, for a tree already resolved: the
     * same rules, the same problems.
     *
     * @param config the tree, resolved with the {@code reference.conf} defaults under its root
     * @param types the component types whose ids are a stack's keys
     * @param sections the sections to check with their readers' rules, by name under the root
     * @return the settings, with what each section's reader read ({@link HoistSettings#section})
     * @throws HoistConfigException listing every problem found, or why the tree does not resolve
     */
    public static HoistSettings load(ResolvedConfig config, Collection<StackComponentType> types,
                                     Map<String, ? extends SectionReader<?>> sections) {
        String root = config.root();
        Config reference = config.reference();
        Config resolved = config.resolved();
        List<ConfigProblem> problems = new ArrayList<>();
        Config hoist;
        try {
            hoist = rootObject(resolved, root).toConfig();
            try {
                resolved.checkValid(reference, root);
            } catch (ConfigException.ValidationFailed invalid) {
                invalid.problems().forEach(p -> problems.add(new ConfigProblem(p.path(), originOf(p.origin(), p.path()),
                        ComponentValues.isSecretPath(p.path()) ? "Has the wrong type for this setting (value not shown: credential setting)."
                                : p.problem())));
            }
            checkKeys(hoist.root(), reference.getObject(root), root, types, problems);
        } catch (StackOverflowError deep) {
            throw new HoistConfigException(root, List.of(tooDeep(root, "(config)")));
        }
        Optional<String> defaultRegistry = readDefaultRegistry(hoist, root, problems);
        DockerSettings docker = readDocker(hoist, root, problems);
        Duration helperTimeout = positiveDuration(hoist, root, "auth", "helper-timeout", problems);
        String transport = hoist.hasPath("transport") && hoist.getValue("transport").valueType() == ConfigValueType.STRING
                ? hoist.getString("transport") : null;
        if (transport != null && TransportName.fromConfigName(transport).isEmpty()) {
            problems.add(new ConfigProblem(root + ".transport", originOf(hoist.getValue("transport"), root + ".transport"),
                    "Expected \"engine\" or \"registry-api\"; found \"" + transport + "\"."));
        }
        Map<String, Object> read = new LinkedHashMap<>();
        sections.forEach((name, reader) -> {
            Object section = readSection(hoist, root, name, reader, problems);
            if (section != null) {
                read.put(name, section);
            }
        });
        if (!problems.isEmpty()) {
            throw new HoistConfigException(root, ComponentValues.scrub(problems, ComponentValues.secretsInTree(root, hoist.root())));
        }
        // checkValid has reported a value that is not a boolean; the default stands in for it until it is fixed.
        // A string such as "false" (a -D system property) is a boolean to Typesafe Config too.
        boolean implicitRegistries = !hoist.hasPath("implicit-registries")
                || !RegistrySettingChecks.isBoolean(hoist, "implicit-registries")
                || hoist.getBoolean("implicit-registries");
        return new HoistSettings(defaultRegistry, docker, helperTimeout, transport, read, implicitRegistries);
    }

    /** The unknown keys at the root, in its sections, and in each stack. */
    private static void checkKeys(ConfigObject hoist, ConfigObject reference, String root, Collection<StackComponentType> types,
                                  List<ConfigProblem> problems) {
        Set<String> typeKeys = new TreeSet<>();
        Set<String> typeIds = new TreeSet<>();
        for (StackComponentType type : types) {
            typeKeys.addAll(List.of(type.section(), type.flavorsSection(), type.defaultsKey()));
            typeIds.add(type.id());
        }
        Set<String> known = new TreeSet<>(reference.keySet());
        known.addAll(typeKeys);
        UnknownKeys.check(hoist, known, root, "setting", problems);
        Set<String> skip = new TreeSet<>(typeKeys);
        skip.add(STACKS);
        UnknownKeys.checkSections(hoist, reference, skip, root, problems);
        if (hoist.get(STACKS) instanceof ConfigObject stacks) {
            stacks.forEach((name, stack) -> {
                String path = root + "." + STACKS + "." + ComponentValues.quoteKey(name);
                if (stack instanceof ConfigObject components) {
                    UnknownKeys.check(components, typeIds, path, "component type", problems);
                } else if (stack.valueType() != ConfigValueType.NULL) {
                    problems.add(new ConfigProblem(path, originOf(stack, path), "Expected an object { "
                            + String.join(" = <name>, ", typeIds) + " = <name> }, naming one component of each type it uses; found "
                            + describe(path, stack) + "."));
                }
            });
        }
    }

    /**
     * The subtree at {@code root}, resolved, with every {@code reference.conf}'s Hoist defaults as
     * fallback: what component loading reads beyond {@link HoistSettings}.
     *
     * @throws HoistConfigException if the tree does not resolve
     */
    public static Config tree(Config config, String root, ClassLoader loader) {
        return rootObject(resolve(config, root, reference(root, referenceFiles(loader))), root).toConfig();
    }

    /**
     * Every jar's {@code reference.conf}, resolved, without the system properties that Typesafe's
     * {@link ConfigFactory#defaultReference} lays over them: a {@code -Dhoist.*} property is part of the
     * configuration (see {@link #defaults} and {@link #fromFile}), so an unknown key in one is refused
     * as in a file, not taken for a key a {@code reference.conf} declares.
     */
    private static Config referenceFiles(ClassLoader loader) {
        return ConfigFactory.defaultReferenceUnresolved(loader).resolve();
    }

    /** Every jar's Hoist defaults ({@link #referenceFiles}), moved under {@code root} when it is not {@code hoist}. */
    private static Config reference(String root, Config referenceFiles) {
        return root.equals(ROOT) ? referenceFiles : referenceFiles.getConfig(ROOT).atPath(root);
    }

    /**
     * What the {@code reference.conf} files declare under {@code root}: every jar's {@code hoist}
     * settings (moved under {@code root} when it is not {@code hoist}), a host's own settings at
     * {@code root}, and the plugins'. These are the keys Hoist knows; {@link UnknownKeys} refuses the rest.
     *
     * @param root the root path, such as {@code hoist} or {@code mystack.components}
     * @param loader the loader whose {@code reference.conf} files count
     * @param pluginReferences the plugins' {@code reference.conf} settings, already under {@code root}
     * @return a config holding an object at {@code root}, unresolved
     */
    public static Config reference(String root, ClassLoader loader, Config pluginReferences) {
        Config all = referenceFiles(loader);
        Config own = reference(root, all);
        if (!root.equals(ROOT)) {
            if (all.hasPath(root) && all.getValue(root).valueType() == ConfigValueType.OBJECT) {
                own = all.getConfig(root).atPath(root).withFallback(own);
            }
        }
        return own.withFallback(pluginReferences);
    }

    static Config resolve(Config config, String root, Config reference) {
        try {
            return config.withFallback(reference).resolve();
        } catch (ConfigException bad) {
            throw new HoistConfigException(root, List.of(problemOf(root, bad)));
        } catch (StackOverflowError deep) {
            throw new HoistConfigException(root, List.of(tooDeep(root, "(config)")));
        }
    }

    /**
     * The object at {@code root}.
     *
     * @throws HoistConfigException if the root holds no object: {@code hoist = 5}, {@code hoist = null}
     */
    static ConfigObject rootObject(Config resolved, String root) {
        ConfigValue value;
        try {
            value = resolved.hasPathOrNull(root) ? resolved.getValue(root) : null;
        } catch (ConfigException.Null unset) {
            value = null;
        } catch (ConfigException wrong) {
            // A parent of the root path is no object, as "a = 5" for the root "a.b".
            throw new HoistConfigException(root, List.of(new ConfigProblem(root, originOf(wrong.origin()),
                    "Expected an object of Hoist's settings; a parent of this path is not an object.")));
        }
        if (value instanceof ConfigObject object) {
            return object;
        }
        String found = value == null ? "null" : ComponentValues.describe(root, value);
        String origin = value == null ? originOf(resolved.root().origin()) : originOf(value, root);
        throw new HoistConfigException(root, List.of(new ConfigProblem(root, origin,
                "Expected an object of Hoist's settings, { registries { ... }, docker { ... }, ... }; found " + found + ".")));
    }

    private static ConfigProblem tooDeep(String root, String origin) {
        return new ConfigProblem(root, origin, "The config is nested too deeply to read; Hoist's settings are a few"
                + " levels deep. Look for an unclosed '{' or '[', or a generated file.");
    }

    private static Optional<String> readDefaultRegistry(Config hoist, String root, List<ConfigProblem> problems) {
        if (!hoist.hasPath("default-registry")) {
            return Optional.empty(); // Set to null: no default.
        }
        ConfigValue setting = hoist.getValue("default-registry");
        if (setting.valueType() == ConfigValueType.OBJECT || setting.valueType() == ConfigValueType.LIST) {
            // checkValid lets an object or a list stand where reference.conf has a string.
            problems.add(new ConfigProblem(root + ".default-registry", originOf(setting, root + ".default-registry"),
                    "Expected the name of a registry, a key of " + root + ".registries, or \"\" for none; found "
                            + describe(root + ".default-registry", setting) + "."));
            return Optional.empty();
        }
        // A number or a boolean reads as the key it spells, as Typesafe reads it: default-registry = 5 names registry "5".
        String name = String.valueOf(setting.unwrapped());
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
            problems.add(new ConfigProblem(root + ".default-registry", originOf(hoist.getValue("default-registry"), root + ".default-registry"),
                    "Names registry '" + name + "', which is not configured. Configured registries: "
                            + (configured.isEmpty() ? "none" : String.join(", ", configured))
                            + ". Name one of them, or set it to \"\" for no default."));
        }
        return Optional.of(name);
    }

    /**
     * Checks the section {@code name} with its reader's rules, so that a wrong value is refused at load, not at
     * first use. A key that checkValid or the unknown-key check has already reported is not reported twice.
     *
     * @return what the reader read, or {@code null} when the section has a problem
     */
    private static Object readSection(Config hoist, String root, String name, SectionReader<?> reader,
                                      List<ConfigProblem> problems) {
        if (!hoist.hasPath(name) || hoist.getValue(name).valueType() != ConfigValueType.OBJECT) {
            return null; // checkValid has reported it.
        }
        List<ConfigProblem> found = new ArrayList<>();
        Object section = reader.read(hoist.getConfig(name), root + "." + name, found);
        Set<String> reported = new TreeSet<>();
        problems.forEach(problem -> reported.add(problem.path()));
        found.stream().filter(problem -> !reported.contains(problem.path())).forEach(problems::add);
        return found.isEmpty() ? section : null;
    }

    private static DockerSettings readDocker(Config hoist, String root, List<ConfigProblem> problems) {
        if (!hoist.hasPath("docker") || hoist.getValue("docker").valueType() != ConfigValueType.OBJECT) {
            return null; // checkValid has reported it.
        }
        Config docker = hoist.getConfig("docker");
        KeyReader keys = KeyReader.into(docker, root + ".docker", problems);
        String host = keys.optional("host", docker::getString, "a string such as unix:///var/run/docker.sock");
        if (host != null && !host.isBlank()) {
            DockerEndpoints.problem(host).ifPresent(why -> keys.problem("host", why));
        }
        String verify = keys.optional("tls-verify", docker::getString, "a string such as \"1\" or \"\"");
        boolean tlsVerify = verify != null && !List.of("", "0", "false", "no").contains(verify.strip().toLowerCase(Locale.ROOT));
        String certPath = keys.optional("cert-path", docker::getString, "a directory path, or \"\"");
        String configDir = keys.optional("config-dir", docker::getString, "a directory path, or \"\"");
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
        return new WrittenDuration(value, DurationText.written(hoist.getConfig(section).getValue(key)));
    }

    private static Duration positiveDuration(Config hoist, String root, String section, String key, List<ConfigProblem> problems) {
        if (!hoist.hasPath(section) || hoist.getValue(section).valueType() != ConfigValueType.OBJECT) {
            return null; // checkValid has reported it.
        }
        Config settings = hoist.getConfig(section);
        KeyReader keys = KeyReader.into(settings, root + "." + section, problems);
        Duration value = keys.optional(key, settings::getDuration, "a duration, like 30s or 5m");
        if (value != null && (value.isNegative() || value.isZero())) {
            keys.problem(key, "Expected a positive duration, like 30s or 5m; found "
                    + settings.getValue(key).render(ConfigRenderOptions.concise()) + ".");
        }
        return value;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A file that does not parse, or a substitution that does not resolve. */
    private static ConfigProblem problemOf(String root, ConfigException bad) {
        return new ConfigProblem(root, originOf(bad.origin()), bad.getMessage());
    }
}
