package dev.hoist.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import dev.hoist.ContainerRegistries;
import dev.hoist.auth.CredentialChains;
import dev.hoist.auth.Environment;
import dev.hoist.config.DockerSettings;
import dev.hoist.config.HoistConfig;
import dev.hoist.config.HoistSettings;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.discovery.InstalledFlavors;
import dev.hoist.docker.DockerEngine;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.ImagePusher;
import dev.hoist.spi.RegistryContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hoist's bindings, for a host application to install.
 *
 * <p>It binds the discovered flavors into {@link HoistBinders#registryFlavors}, installs each
 * flavor's own module, and provides:
 * <ul>
 *   <li>{@link ContainerRegistries}, the lookup by name;</li>
 *   <li>each configured registry as {@code @Named("<name>") ContainerRegistry};</li>
 *   <li>the default registry as an unannotated {@link ContainerRegistry};</li>
 *   <li>{@link HoistSettings}, validated against every bound flavor, and the {@link DockerEngine}.</li>
 * </ul>
 * {@code configure()} does no I/O and opens no connection: the Docker client is created on
 * first push, and the config is validated when the injector builds {@link HoistSettings}
 * (eagerly in {@code Stage.PRODUCTION}). Close the {@link DockerEngine} when done, or use
 * {@link dev.hoist.Hoist}, which does.
 */
public final class HoistModule extends AbstractModule {

    private final Config config;
    private final ClassLoader loader;
    private final InstalledFlavors installed;
    private final List<String> registryNames;
    private final Environment environment;

    /**
     * Discovers the flavors of the class path and of {@code hoist.plugins.directory}.
     *
     * @param config the host's config tree, holding a {@code hoist} object
     * @param loader the loader to find flavors and {@code reference.conf} files with
     * @throws dev.hoist.plugin.PluginException if the plugins directory cannot be read
     */
    public HoistModule(Config config, ClassLoader loader) {
        this(InstalledFlavors.open(config, loader), loader);
    }

    /** A module over flavors already discovered. */
    public HoistModule(Config config, ClassLoader loader, FlavorCatalog<ContainerRegistryFlavor> flavors) {
        this(InstalledFlavors.of(config, flavors), loader);
    }

    /**
     * A module over installed flavors. The injector's {@link InstalledFlavors} is closed by
     * {@link dev.hoist.Hoist#close()}; a host that builds its own injector closes it on shutdown.
     */
    public HoistModule(InstalledFlavors installed, ClassLoader loader) {
        this.installed = Objects.requireNonNull(installed, "installed");
        this.config = installed.config();
        this.loader = Objects.requireNonNull(loader, "loader");
        this.registryNames = registryNames(config, loader);
        this.environment = Environment.ofProcess();
    }

    private HoistModule(HoistModule base, Environment environment) {
        this.installed = base.installed;
        this.config = base.config;
        this.loader = base.loader;
        this.registryNames = base.registryNames;
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * This module reading credentials from {@code environment} instead of the process's: for
     * hosts that keep secrets elsewhere, and for tests.
     */
    public HoistModule withEnvironment(Environment environment) {
        return new HoistModule(this, environment);
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(Config.class).annotatedWith(Names.named(HoistConfig.ROOT)).toInstance(config);
        MapBinder<String, ContainerRegistryFlavor> flavorBinder = HoistBinders.registryFlavors(binder());
        for (DiscoveredFlavor<ContainerRegistryFlavor> discovered : installed.catalog().all()) {
            flavorBinder.addBinding(discovered.name()).toInstance(discovered.flavor());
            discovered.flavor().module().ifPresent(this::install);
        }
        bind(InstalledFlavors.class).toInstance(installed);
        bind(Environment.class).toInstance(environment);
        bind(ContainerRegistries.class).in(Singleton.class);
        bind(ImagePusher.class).to(DockerEngine.class);
        Provider<ContainerRegistries> registries = getProvider(ContainerRegistries.class);
        for (String name : registryNames) {
            bind(ContainerRegistry.class).annotatedWith(Names.named(name))
                    .toProvider((Provider<ContainerRegistry>) () -> registries.get().get(name));
        }
        bind(ContainerRegistry.class).toProvider((Provider<ContainerRegistry>) () -> registries.get().defaultRegistry());
    }

    /**
     * The registry keys, for the named bindings. A tree that does not resolve has none here;
     * {@link HoistConfig#load} reports why when the injector builds {@link HoistSettings}.
     */
    private static List<String> registryNames(Config config, ClassLoader loader) {
        String path = HoistConfig.ROOT + ".registries";
        try {
            Config full = config.withFallback(ConfigFactory.defaultReference(loader)).resolve();
            if (!full.hasPath(path) || full.getValue(path).valueType() != ConfigValueType.OBJECT) {
                return List.of();
            }
            return full.getObject(path).keySet().stream().sorted().toList();
        } catch (ConfigException unresolvable) {
            return List.of();
        }
    }

    @Provides
    @Singleton
    HoistSettings settings(Map<String, ContainerRegistryFlavor> boundFlavors) {
        return HoistConfig.load(config, loader, boundFlavors, installed.catalog().duplicates());
    }

    @Provides
    @Singleton
    DockerSettings dockerSettings(HoistSettings settings) {
        return settings.docker();
    }

    @Provides
    @Singleton
    DockerEngine dockerEngine(DockerSettings settings) {
        return new DockerEngine(settings);
    }

    @Provides
    @Singleton
    CredentialChains credentialChains(Map<String, ContainerRegistryFlavor> flavors, HoistSettings settings) {
        return new CredentialChains(flavors, environment, settings.credentialHelperTimeout());
    }

    @Provides
    @Singleton
    RegistryContext registryContext(ImagePusher pusher, CredentialChains credentials) {
        return new HoistRegistryContext(pusher, credentials);
    }

    @Provides
    @Singleton
    FlavorCatalog<ContainerRegistryFlavor> flavorCatalog() {
        return installed.catalog();
    }
}
