package dev.hoist.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import com.google.inject.Injector;
import com.google.inject.TypeLiteral;
import dev.hoist.ContainerRegistries;
import dev.hoist.component.ComponentRoot;
import dev.hoist.component.Components;
import dev.hoist.config.HoistConfigException;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.StackComponentType;
import dev.hoist.stack.LocalRegistryRule;
import dev.hoist.stack.StackValidator;
import dev.hoist.stack.Stacks;
import java.util.Set;
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
    private final String root;
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
        this(installed, HoistConfig.ROOT, loader);
    }

    /**
     * A module over installed flavors whose settings live under {@code root}; see {@link #forHost}.
     */
    public HoistModule(InstalledFlavors installed, String root, ClassLoader loader) {
        this.installed = Objects.requireNonNull(installed, "installed");
        this.config = installed.config();
        this.root = Objects.requireNonNull(root, "root");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.registryNames = registryNames(config, root, loader);
        this.environment = Environment.ofProcess();
    }

    /**
     * Hoist for a host framework that keeps Hoist's settings under its own root path, such as
     * {@code mystack.components}: the same keys as under {@code hoist} ({@code registries},
     * {@code default-registry}, {@code docker}, {@code stacks}, ...), with the same defaults.
     * Discovers the flavors of the class path and of {@code <root>.plugins.directory}. Close
     * the injector's {@link HoistLifecycle} on shutdown.
     *
     * @param config the host's config tree
     * @param root the path of Hoist's settings in it
     * @param loader the loader to find flavors and {@code reference.conf} files with
     */
    public static HoistModule forHost(Config config, String root, ClassLoader loader) {
        return new HoistModule(InstalledFlavors.open(config, root, loader), root, loader);
    }

    private HoistModule(HoistModule base, Environment environment) {
        this.installed = base.installed;
        this.config = base.config;
        this.root = base.root;
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
        bind(Config.class).annotatedWith(Names.named(root)).toInstance(config);
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
        bind(new TypeLiteral<Components<ContainerRegistry>>() { }).to(ContainerRegistries.class);
        HoistBinders.components(binder()).addBinding(StackComponentType.CONTAINER_REGISTRY.id()).to(ContainerRegistries.class);
        HoistBinders.stackValidators(binder()).addBinding().to(LocalRegistryRule.class);
        bind(LocalRegistryRule.class).toInstance(new LocalRegistryRule());
        bind(HoistLifecycle.class).in(Singleton.class);
    }

    /**
     * The registry keys, for the named bindings. A tree that does not resolve has none here;
     * {@link HoistConfig#load} reports why when the injector builds {@link HoistSettings}.
     */
    private static List<String> registryNames(Config config, String root, ClassLoader loader) {
        String path = StackComponentType.CONTAINER_REGISTRY.section();
        try {
            Config tree = HoistConfig.tree(config, root, loader);
            if (!tree.hasPath(path) || tree.getValue(path).valueType() != ConfigValueType.OBJECT) {
                return List.of();
            }
            return tree.getObject(path).keySet().stream().sorted().toList();
        } catch (ConfigException | HoistConfigException unresolvable) {
            return List.of();
        }
    }

    @Provides
    @Singleton
    HoistSettings settings(Map<String, ContainerRegistryFlavor> boundFlavors) {
        return HoistConfig.load(config, root, loader, boundFlavors, installed.catalog().duplicates());
    }

    @Provides
    @Singleton
    ComponentRoot componentRoot(ComponentContext context) {
        return new ComponentRoot(root, HoistConfig.tree(config, root, loader), loader, installed.plugins(), context);
    }

    @Provides
    @Singleton
    ComponentContext componentContext(Injector injector) {
        // Components get what the injector has: RegistryContext, and whatever the host binds.
        return new ComponentContext() {
            @Override
            public <T> T service(Class<T> type) {
                try {
                    return injector.getInstance(type);
                } catch (com.google.inject.ConfigurationException unbound) {
                    throw new dev.hoist.HoistException("A flavor asked for a " + type.getName() + ", but the injector"
                            + " has no binding for it. Bind it in one of the host's modules.", unbound);
                }
            }
        };
    }

    @Provides
    @Singleton
    Stacks stacks(ComponentRoot componentRoot, Map<String, Components<?>> components, Set<StackValidator> validators) {
        return new Stacks(root, componentRoot.tree(), components, validators);
    }

    @Provides
    @Singleton
    DockerSettings dockerSettings(HoistSettings settings) {
        return settings.docker();
    }

    @Provides
    @Singleton
    DockerEngine dockerEngine(DockerSettings settings) {
        return new DockerEngine(settings, environment);
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
