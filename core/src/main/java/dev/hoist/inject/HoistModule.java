package dev.hoist.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.name.Names;
import com.google.inject.util.Types;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import dev.hoist.auth.Environment;
import dev.hoist.component.ComponentRoot;
import dev.hoist.component.ComponentType;
import dev.hoist.component.Components;
import dev.hoist.component.ContainerRegistries;
import dev.hoist.component.HostClaims;
import dev.hoist.config.DockerSettings;
import dev.hoist.config.HoistConfig;
import dev.hoist.config.HoistConfigException;
import dev.hoist.config.HoistSettings;
import dev.hoist.config.ResolvedConfig;
import dev.hoist.config.SectionReader;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.discovery.FlavorFailureException;
import dev.hoist.discovery.FlavorGuard;
import dev.hoist.docker.DockerEngine;
import dev.hoist.plugin.PluginDirectory;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.push.ImagePusher;
import dev.hoist.registry.RegistryContext;
import dev.hoist.registry.Transports;
import dev.hoist.transport.registry.RegistryApiSettings;
import dev.hoist.transport.registry.RegistryApiTransport;
import dev.hoist.transport.source.ImageSourceOpener;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.StackComponentType;
import dev.hoist.spi.StackRule;
import dev.hoist.stack.LocalRegistryRule;
import dev.hoist.stack.StackValidator;
import dev.hoist.stack.Stacks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hoist's bindings, for a host application to install. Build it with
 * {@code Hoist.builder()...module()}; the same builder builds the {@code Hoist} facade.
 *
 * <p>Container registries are one component type of the generic machinery: their flavors are
 * discovered (class path and plugins directory) and bound into {@link HoistBinders#registryFlavors},
 * each flavor's own {@code module()} is installed (set up once, when this module is built: a flavor whose
 * module fails, {@code NoClassDefFoundError} included, is unusable and reported as a discovery problem
 * naming it, its class and its jar, and the other flavors keep working), and the module provides:
 * <ul>
 *   <li>{@code Components<ContainerRegistry>} and its view {@link ContainerRegistries}, which adds the default;</li>
 *   <li>each configured registry as {@code @Named("<name>") ContainerRegistry}, and the default unannotated;</li>
 *   <li>{@link HoistSettings}, {@link Stacks}, the {@link DockerEngine} and {@link HoistLifecycle}.</li>
 * </ul>
 * {@code configure()} does no I/O and opens no connection; the plugins directory is opened
 * and the registry flavors discovered when the module is built. Config is validated when the
 * injector builds its singletons (at once in {@code Stage.PRODUCTION}); {@link StartupFailure}
 * turns Guice's failure into one exception with every distinct problem. Close the injector's
 * {@link HoistLifecycle} on shutdown.
 */
public final class HoistModule extends AbstractModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HoistModule.class);

    /**
     * Sections under the root that are read at load with the rules of the code that uses them: the registry-API
     * transport's settings, whose default cache directory comes from the process's environment (public so that a
     * test that loads the config alone checks them too). A module reads them with its own environment
     * ({@link #sections(Environment)}).
     */
    public static final Map<String, SectionReader<?>> SECTIONS =
            Map.of(RegistryApiSettings.SECTION, (SectionReader<RegistryApiSettings>) RegistryApiSettings::read);

    @SuppressWarnings("unchecked")
    private static final Key<Components<ContainerRegistry>> REGISTRIES =
            (Key<Components<ContainerRegistry>>) Key.get(Types.newParameterizedType(Components.class, ContainerRegistry.class));

    private final Config config;
    private final String root;
    private final ClassLoader loader;
    private final PluginDirectory plugins;
    private final FlavorCatalog<ContainerRegistryFlavor> registryFlavors;
    private final Environment environment;
    private final List<String> registryNames;
    private final ResolvedConfig resolved;
    private final List<Module> flavorModules = new ArrayList<>();

    private HoistModule(Config config, String root, ClassLoader loader, PluginDirectory plugins, Environment environment,
                        ResolvedConfig unplugged) {
        this.root = root;
        this.loader = loader;
        this.plugins = plugins;
        this.environment = environment;
        this.config = plugins.withPluginReferences(config, root);
        // The tree is resolved once: again only when plugins lay their reference.conf defaults under it.
        this.resolved = this.config == config ? unplugged : ResolvedConfig.of(this.config, root, loader, pluginReferences());
        // Each flavor's module is set up here, once: one that fails makes its flavor unusable, not Hoist.
        FlavorCatalog<ContainerRegistryFlavor> discovered = FlavorCatalog.discover(ContainerRegistryFlavor.class, loader, plugins);
        Map<String, String> failed = new LinkedHashMap<>();
        for (DiscoveredFlavor<ContainerRegistryFlavor> flavor : discovered.all()) {
            try {
                FlavorGuard.recordModule(flavor, Stage.PRODUCTION).ifPresent(flavorModules::add);
            } catch (FlavorFailureException broken) {
                failed.put(flavor.name(), broken.getMessage());
            }
        }
        this.registryFlavors = discovered.without(failed);
        this.registryFlavors.problems().forEach(problem -> LOG.warn("{}", problem));
        this.registryNames = registryNames(resolved);
    }

    /**
     * The module for these settings; {@code Hoist.builder()} calls it.
     *
     * @param config the host's config tree, unresolved is fine
     * @param root the path of Hoist's settings in it, such as {@code hoist} or {@code mystack.components}
     * @param loader the loader to find flavors and {@code reference.conf} files with
     * @param environment the environment variables and home directory credentials are read from
     * @return the module, with its plugins directory open
     * @throws dev.hoist.plugin.PluginException if the plugins directory that config names cannot be read
     */
    public static HoistModule of(Config config, String root, ClassLoader loader, Environment environment) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(environment, "environment");
        ResolvedConfig unplugged = ResolvedConfig.of(config, root, loader, ConfigFactory.empty());
        PluginDirectory plugins = pluginsDirectory(unplugged)
                .map(directory -> PluginDirectory.open(directory, loader, root + ".plugins.directory"))
                .orElseGet(PluginDirectory::none);
        return new HoistModule(config, root, loader, plugins, environment, unplugged);
    }

    /** The registry flavors this module found, with their jars and any discovery problems. */
    public FlavorCatalog<ContainerRegistryFlavor> registryFlavors() {
        return registryFlavors;
    }

    /**
     * Closes the plugins' class loaders; for a module whose injector could not be created.
     * Otherwise {@link HoistLifecycle} does it.
     */
    @Override
    public void close() {
        plugins.close();
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(Config.class).annotatedWith(Names.named(root)).toInstance(config);
        bind(PluginDirectory.class).toInstance(plugins);
        bind(Environment.class).toInstance(environment);
        // Discovered flavors come through the catalog; the map binder holds what a host binds itself.
        HoistBinders.registryFlavors(binder());
        flavorModules.forEach(this::install);
        HoistBinders.bindComponents(binder(), ComponentType.CONTAINER_REGISTRY, ContainerRegistryFlavor.class,
                () -> registryFlavors);
        Provider<ContainerRegistries> registries = getProvider(ContainerRegistries.class);
        for (String name : registryNames) {
            bind(ContainerRegistry.class).annotatedWith(Names.named(name))
                    .toProvider((Provider<ContainerRegistry>) () -> registries.get().get(name));
        }
        bind(ContainerRegistry.class).toProvider((Provider<ContainerRegistry>) () -> registries.get().defaultRegistry());
        bind(ImagePusher.class).to(DockerEngine.class);
        HoistBinders.stackValidators(binder()).addBinding().to(LocalRegistryRule.class);
        HoistBinders.stackRules(binder()); // flavors' modules add to it with Guice's own Multibinder
        bind(LocalRegistryRule.class).toInstance(new LocalRegistryRule());
        bind(HoistLifecycle.class).in(Singleton.class);
        bind(EngineTracker.class).toInstance(new EngineTracker());
    }

    /**
     * The registry keys, for the named bindings. A tree that does not resolve has none here;
     * {@link HoistConfig#load} reports why when the injector builds {@link HoistSettings}.
     */
    private static List<String> registryNames(ResolvedConfig resolved) {
        List<String> names = new ArrayList<>();
        try {
            Config tree = resolved.tree();
            if (tree.hasPath("registries") && tree.getValue("registries").valueType() == ConfigValueType.OBJECT) {
                tree.getObject("registries").forEach((name, value) -> {
                    if (value.valueType() != ConfigValueType.NULL) {
                        names.add(name);
                    }
                });
            }
        } catch (ConfigException | HoistConfigException unresolvable) {
            return List.of();
        }
        return names.stream().sorted().toList();
    }

    private static java.util.Optional<Path> pluginsDirectory(ResolvedConfig resolved) {
        try {
            Config tree = resolved.tree();
            String directory = tree.hasPath("plugins.directory") ? tree.getString("plugins.directory") : "";
            return directory.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(directory));
        } catch (ConfigException | HoistConfigException unreadable) {
            return java.util.Optional.empty(); // The config's validation reports it.
        }
    }

    @Provides
    @Singleton
    HoistSettings settings(Map<String, StackComponentType> types) {
        return HoistConfig.load(resolved, types.values(), sections(environment));
    }

    /**
     * The sections read at load, as {@link #SECTIONS}, with the cache default from {@code environment}.
     *
     * @param environment where the registry-API transport's default cache directory comes from
     * @return the readers, by section name under the root
     */
    public static Map<String, SectionReader<?>> sections(Environment environment) {
        Objects.requireNonNull(environment, "environment");
        return Map.of(RegistryApiSettings.SECTION, (SectionReader<RegistryApiSettings>) (section, path, problems)
                -> RegistryApiSettings.read(section, path, environment, problems));
    }

    /** The plugins' {@code reference.conf} settings, under the root. */
    private Config pluginReferences() {
        return plugins.withPluginReferences(ConfigFactory.empty(), root);
    }

    @Provides
    @Singleton
    ContainerRegistries containerRegistries(Injector injector, HoistSettings settings,
                                            Provider<Map<String, ContainerRegistryFlavor>> bound) {
        return new ContainerRegistries(injector.getInstance(REGISTRIES), settings.defaultRegistry(),
                root + ".default-registry", () -> hostClaims(bound.get()), settings.implicitRegistries(), root);
    }

    /** The usable registry flavors, discovered and bound by the host, with where each came from: who claims which host. */
    private HostClaims hostClaims(Map<String, ContainerRegistryFlavor> bound) {
        List<HostClaims.Candidate> candidates = new ArrayList<>();
        for (DiscoveredFlavor<ContainerRegistryFlavor> flavor : registryFlavors.all()) {
            candidates.add(new HostClaims.Candidate(flavor.name(), flavor.flavor(),
                    flavor.implementation().getName() + " from " + flavor.origin().describe()));
        }
        bound.forEach((name, flavor) -> {
            if (registryFlavors.find(name).isEmpty()) {
                candidates.add(new HostClaims.Candidate(name, flavor, "a Guice binding of " + flavor.getClass().getName()
                        + " from " + dev.hoist.discovery.FlavorOrigin.locationOf(flavor.getClass())));
            }
        });
        return HostClaims.of(candidates);
    }

    @Provides
    @Singleton
    ComponentRoot componentRoot(ComponentContext context) {
        Config reference = resolved.reference();
        return new ComponentRoot(root, resolved.tree(),
                reference.hasPath(root) ? reference.getConfig(root) : ConfigFactory.empty(),
                loader, plugins, context);
    }

    @Provides
    @Singleton
    ComponentContext componentContext(Injector injector) {
        // Components get what the injector has: the registry context, and whatever the host and flavors bind.
        return new ComponentContext() {
            @Override
            public <T> T service(Class<T> type) {
                try {
                    return injector.getInstance(type);
                } catch (com.google.inject.ConfigurationException unbound) {
                    throw new HoistException("A flavor asked for a " + type.getName() + ", but the injector"
                            + " has no binding for it. Bind it in one of the host's modules.", unbound);
                }
            }
        };
    }

    @Provides
    @Singleton
    Stacks stacks(ComponentRoot componentRoot, Map<String, Components<?>> components, Set<StackValidator> validators,
                  Set<StackRule> rules) {
        return new Stacks(root, componentRoot.tree(), components, validators, rules);
    }

    @Provides
    @Singleton
    DockerSettings dockerSettings(HoistSettings settings) {
        return settings.docker();
    }

    /** One engine per Hoist, built on first use: not a Guice singleton, which Stage.PRODUCTION would build at once. */
    @Provides
    DockerEngine dockerEngine(Provider<DockerSettings> settings, EngineTracker tracker) {
        return tracker.get(() -> new DockerEngine(settings.get(), environment));
    }

    @Provides
    @Singleton
    RegistryContext registryContext(Transports transports, HoistSettings settings) {
        // docker's config.json comes from the directory engine discovery reads: hoist.docker.config-dir first.
        return new HoistRegistryContext(transports, settings.transport(), environment, settings.credentialHelperTimeout(),
                root + ".auth.helper-timeout", root + ".registries", environment.dockerConfigDir(
                        settings.docker() == null ? java.util.Optional.empty() : settings.docker().configDir()));
    }

    @Provides
    @Singleton
    Transports transports(Provider<ImagePusher> engine, Provider<DockerEngine> docker, Provider<HoistSettings> settings) {
        // Both transports are built on their first push: a push from an archive never loads docker-java. The
        // registry API's settings were read when the config was loaded.
        return Transports.lazy(engine::get, () -> new RegistryApiTransport(
                settings.get().section(RegistryApiSettings.SECTION, RegistryApiSettings.class),
                new ImageSourceOpener(docker::get)));
    }

    @Provides
    @Singleton
    FlavorCatalog<ContainerRegistryFlavor> flavorCatalog() {
        return registryFlavors;
    }
}
