package dev.hoist;


import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.typesafe.config.Config;
import dev.hoist.auth.CredentialResolver;
import dev.hoist.auth.Environment;
import dev.hoist.component.ContainerRegistries;
import dev.hoist.config.HoistConfig;
import dev.hoist.config.HoistSettings;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.docker.DockerEngine;
import dev.hoist.inject.HoistLifecycle;
import dev.hoist.inject.HoistModule;
import dev.hoist.inject.StartupFailure;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.HoistException;
import dev.hoist.stack.Stacks;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hoist in one object, for callers that do not bring their own injector: the CLI, scripts,
 * tests. Built by {@link #builder()}, which also builds the Guice module for hosts that do. It
 * uses {@code Stage.PRODUCTION}, so config errors show at once, all of them in one exception.
 *
 * <pre>{@code
 * try (Hoist hoist = Hoist.builder().build()) {
 *     String digest = hoist.defaultRegistry().pushImage("localhost:5000/app:1.0");
 * }
 * }</pre>
 */
public final class Hoist implements AutoCloseable {

    private final Injector injector;

    private Hoist(Injector injector) {
        this.injector = injector;
    }

    /**
     * A builder with the defaults: this class's loader, {@code ConfigFactory.load()} as that loader
     * sees it, root {@code hoist}, and the process's environment.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The registry with this name.
     *
     * @param name the registry's name in config, the key under {@code <root>.registries}
     * @return the registry
     * @throws dev.hoist.component.UnknownComponentException listing the configured names, when none has this name
     */
    public ContainerRegistry registry(String name) {
        return call(() -> registries().get(name));
    }

    /**
     * The registry named by {@code <root>.default-registry}.
     *
     * @return the default registry
     * @throws dev.hoist.spi.HoistException when the setting is empty
     */
    public ContainerRegistry defaultRegistry() {
        return call(() -> registries().defaultRegistry());
    }

    /**
     * The registry for an image reference, by Hoist's one rule ({@link ContainerRegistries#forReference}): the
     * configured registry that owns it (the most specific URI), else, with {@code <root>.implicit-registries} on (the
     * default), an implicit registry built by the flavor that claims the reference's host, else by the
     * {@code default} flavor. {@code hoist push} without {@code --registry} uses it.
     *
     * <pre>{@code
     * PushResult pushed = hoist.registryFor("ghcr.io/acme/app:1.0")
     *         .push(ImageSource.dockerArchive(Path.of("app.tar")), "ghcr.io/acme/app:1.0");
     * }</pre>
     *
     * @param reference an image reference, such as {@code ghcr.io/acme/app:1.0}
     * @return the registry; {@link ContainerRegistry#isImplicit()} says whether config names it
     * @throws dev.hoist.api.InvalidImageReferenceException if {@code reference} is not a valid reference
     * @throws dev.hoist.push.InvalidImageNameException when two configured registries own it equally, when the
     *         flavor that claims its host refuses it, or when no configured registry owns it and implicit registries
     *         are off
     * @throws dev.hoist.component.ContestedHostException when two flavors claim its host
     */
    public ContainerRegistry registryFor(String reference) {
        return call(() -> registries().forReference(reference));
    }

    /**
     * The registry to read a reference from ({@code hoist digest}, {@code inspect}, {@code tags}, a copy's source):
     * {@link #registryFor}'s rule, but a reference that the flavor claiming its host refuses (such as Docker Hub's
     * official {@code ubuntu}, under {@code docker.io/library}) is read through the {@code default} flavor.
     *
     * @param reference an image reference, such as {@code ubuntu:24.04}
     * @return the registry
     * @throws dev.hoist.api.InvalidImageReferenceException if {@code reference} is not a valid reference
     * @throws dev.hoist.push.InvalidImageNameException as {@link #registryFor}
     * @throws dev.hoist.component.ContestedHostException when two flavors claim its host
     */
    public ContainerRegistry registryForReading(String reference) {
        return call(() -> registries().forReading(reference));
    }

    /** {@return every configured registry, by name, with the default} */
    public ContainerRegistries registries() {
        return call(() -> injector.getInstance(ContainerRegistries.class));
    }

    /**
     * The credential chain of a configured registry, to see which source would answer, without
     * pushing: {@code hoist auth} uses it.
     *
     * @param registryName the registry's name in config
     * @return the registry's credential chain, in the order its sources are asked
     * @throws dev.hoist.component.UnknownComponentException when no registry has this name
     */
    public CredentialResolver credentials(String registryName) {
        return registry(registryName).credentials();
    }

    /** {@return Hoist's own validated settings} */
    public HoistSettings settings() {
        return call(() -> injector.getInstance(HoistSettings.class));
    }

    /** {@return the container registry flavors found on the class path and in the plugins, with their jars} */
    public Collection<DiscoveredFlavor<ContainerRegistryFlavor>> flavors() {
        return injector.getInstance(com.google.inject.Key.get(new com.google.inject.TypeLiteral<
                FlavorCatalog<ContainerRegistryFlavor>>() { })).all();
    }

    /** {@return the Docker engine Hoist pushes through} */
    public DockerEngine docker() {
        return call(() -> injector.getInstance(DockerEngine.class));
    }

    /**
     * The engine Hoist pushes through: where it is, which discovery rule chose it, whether it answers, and whether
     * it is Docker or Podman, with its version and API version. {@code hoist engine} prints it.
     *
     * @return what Hoist knows of the engine
     * @throws dev.hoist.push.EngineException of kind {@link dev.hoist.push.ErrorKind#CONFIGURATION} when a named
     *         docker context does not exist, or what names the engine cannot be used
     */
    public dev.hoist.docker.EngineInfo engine() {
        return docker().info();
    }

    /** {@return the injector, for callers who want more than this facade offers} */
    public Injector injector() {
        return injector;
    }

    /**
     * Copies images between registries, OCI layouts and archives ({@code hoist copy}).
     *
     * @param sourceRegistry the configured registry that serves a registry source; empty for the registry for its
     *        reference by Hoist's rule ({@link ContainerRegistries#forReading}: the configured owner, else an implicit
     *        registry)
     * @param destinationRegistry likewise for a registry destination ({@link ContainerRegistries#forReference})
     * @return a copier; its registries are built on first use
     * @throws dev.hoist.component.UnknownComponentException when a copy names a registry that is not configured
     */
    public dev.hoist.copy.ImageCopier copier(java.util.Optional<String> sourceRegistry,
                                             java.util.Optional<String> destinationRegistry) {
        ContainerRegistries registries = registries();
        dev.hoist.registry.Transports transports = call(() -> injector.getInstance(dev.hoist.registry.Transports.class));
        java.util.function.Function<String, ContainerRegistry> from = reference -> call(() -> sourceRegistry
                .map(registries::get).orElseGet(() -> registries.forReading(reference)));
        java.util.function.Function<String, ContainerRegistry> to = reference -> call(() -> destinationRegistry
                .map(registries::get).orElseGet(() -> registries.forReference(reference)));
        dev.hoist.transport.registry.RegistryApiTransport api = transports.registryApi();
        return new dev.hoist.copy.ImageCopier(from, to, api, api.localEnds());
    }

    /** {@return the configured stacks, each validated when Hoist was created} */
    public Stacks stacks() {
        return call(() -> injector.getInstance(Stacks.class));
    }

    /** Releases components, the Docker client and its threads, then the plugins' class loaders. */
    @Override
    public void close() {
        injector.getInstance(HoistLifecycle.class).close();
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ProvisionException failed) {
            throw StartupFailure.unwrap(failed);
        }
    }

    /**
     * How to build Hoist, or its Guice module for a host's own injector: class loader, config,
     * root and environment. Every setter is optional.
     */
    public static final class Builder {

        private ClassLoader loader = Hoist.class.getClassLoader();
        private Config config;
        private Path configFile;
        private String root = HoistConfig.ROOT;
        private Environment environment = Environment.ofProcess();

        private Builder() {
        }

        /**
         * The loader that finds flavors and {@code reference.conf} files.
         *
         * @param loader the loader; default {@code Hoist.class.getClassLoader()}
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * The config tree to read, instead of {@code ConfigFactory.load(loader)}. A host passes its
         * own; Hoist adds every {@code reference.conf}'s defaults under the root.
         *
         * @param config the tree, holding an object at the root path; unresolved is fine
         * @return this builder
         */
        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            this.configFile = null;
            return this;
        }

        /**
         * A config file laid over the defaults; system properties still win.
         *
         * @param file a HOCON, JSON or properties file
         * @return this builder
         */
        public Builder configFile(Path file) {
            this.configFile = Objects.requireNonNull(file, "file");
            this.config = null;
            return this;
        }

        /**
         * Where Hoist's settings sit in the config tree.
         *
         * @param root a config path such as {@code mystack.components}; default {@code hoist}
         * @return this builder
         */
        public Builder root(String root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /**
         * The environment variables and home directory that credentials are read from.
         *
         * @param environment default: the process's own
         * @return this builder
         */
        public Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * The Guice module, for a host that builds its own injector. Close the injector's
         * {@link HoistLifecycle} on shutdown; wrap a failed injector creation with
         * {@link StartupFailure#unwrap} to get every problem in one exception.
         *
         * @return the module, with its plugins directory open and its registry flavors discovered
         * @throws dev.hoist.config.HoistConfigException if the config file is missing or does not parse
         * @throws dev.hoist.plugin.PluginException if the plugins directory cannot be read
         */
        public HoistModule module() {
            Config tree = config != null ? config
                    : configFile != null ? HoistConfig.fromFile(configFile, loader, root) : HoistConfig.defaults(loader, root);
            return HoistModule.of(tree, root, loader, environment);
        }

        /**
         * Hoist, with its config checked.
         *
         * @return a Hoist to close when done
         * @throws HoistException for a broken plugins directory or an invalid config, with every
         *         distinct problem in one {@link dev.hoist.config.HoistConfigException}
         */
        public Hoist build() {
            HoistModule module = module();
            try {
                return new Hoist(Guice.createInjector(Stage.PRODUCTION, module));
            } catch (CreationException failed) {
                module.close();
                throw StartupFailure.unwrap(failed);
            }
        }
    }
}
