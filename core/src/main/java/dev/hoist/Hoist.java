package dev.hoist;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.Message;
import com.typesafe.config.Config;
import dev.hoist.auth.CredentialResolver;
import dev.hoist.auth.Environment;
import dev.hoist.auth.CredentialChains;
import dev.hoist.config.HoistConfig;
import dev.hoist.config.HoistSettings;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.discovery.InstalledFlavors;
import dev.hoist.docker.DockerEngine;
import dev.hoist.inject.HoistLifecycle;
import dev.hoist.inject.HoistModule;
import dev.hoist.stack.Stacks;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.RegistrySettings;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Hoist in one object, for callers that do not bring their own injector: the CLI, scripts,
 * tests. It builds {@link HoistModule} in {@code Stage.PRODUCTION}, so config errors show
 * at once, and {@link #close()} releases the Docker client.
 *
 * <pre>{@code
 * try (Hoist hoist = Hoist.create(Hoist.class.getClassLoader())) {
 *     String digest = hoist.defaultRegistry().pushImage("localhost:5000/app:1.0");
 * }
 * }</pre>
 */
public final class Hoist implements AutoCloseable {

    private final Injector injector;

    private Hoist(Injector injector) {
        this.injector = injector;
    }

    /** Hoist configured the Typesafe way ({@code application.conf}, system properties, {@code reference.conf}). */
    public static Hoist create(ClassLoader loader) {
        return create(HoistConfig.defaults(loader), loader);
    }

    /** Hoist configured by a file laid over the defaults. */
    public static Hoist create(Path configFile, ClassLoader loader) {
        return create(HoistConfig.fromFile(configFile, loader), loader);
    }

    /**
     * Hoist over a config tree that holds a {@code hoist} object.
     *
     * @throws HoistException for a broken flavor jar or an invalid config, listing every problem
     */
    public static Hoist create(Config config, ClassLoader loader) {
        return create(config, loader, Environment.ofProcess());
    }

    /** Hoist reading credentials from {@code environment} rather than the process's own. */
    public static Hoist create(Config config, ClassLoader loader, Environment environment) {
        InstalledFlavors installed = InstalledFlavors.open(config, loader);
        try {
            return new Hoist(Guice.createInjector(Stage.PRODUCTION,
                    new HoistModule(installed, loader).withEnvironment(environment)));
        } catch (CreationException failed) {
            installed.close();
            throw unwrap(failed.getErrorMessages(), failed);
        }
    }

    /** The registry with this name. */
    public ContainerRegistry registry(String name) {
        return call(() -> registries().get(name));
    }

    /** The registry named by {@code hoist.default-registry}. */
    public ContainerRegistry defaultRegistry() {
        return call(() -> registries().defaultRegistry());
    }

    /** Every configured registry, by name. */
    public ContainerRegistries registries() {
        return call(() -> injector.getInstance(ContainerRegistries.class));
    }

    /**
     * The credential chain of a configured registry, to see which source would answer, without
     * pushing: {@code hoist auth} uses it.
     */
    public CredentialResolver credentials(String registryName) {
        registry(registryName); // An unknown name fails here, listing the configured ones.
        RegistrySettings settings = settings().registry(registryName).orElseThrow().settings();
        return injector.getInstance(CredentialChains.class).forRegistry(settings);
    }

    /** The validated settings. */
    public HoistSettings settings() {
        return injector.getInstance(HoistSettings.class);
    }

    /** The flavors found on the class path, with the jars they came from. */
    public Collection<dev.hoist.discovery.DiscoveredFlavor<ContainerRegistryFlavor>> flavors() {
        return injector.getInstance(Key.get(new TypeLiteral<FlavorCatalog<ContainerRegistryFlavor>>() { })).all();
    }

    /** The Docker engine Hoist pushes through. */
    public DockerEngine docker() {
        return injector.getInstance(DockerEngine.class);
    }

    /**
     * The engine Hoist pushes through: where it is, which discovery rule chose it, whether it answers, and whether
     * it is Docker or Podman, with its version and API version. {@code hoist engine} prints it.
     *
     * @throws dev.hoist.docker.EngineContextNotFoundException when a named docker context does not exist
     */
    public dev.hoist.docker.EngineInfo engine() {
        return docker().info();
    }

        /** The injector, for callers who want more than this facade offers. */
    public Injector injector() {
        return injector;
    }

    /** The configured stacks, each validated when Hoist was created. */
    public Stacks stacks() {
        return call(() -> injector.getInstance(Stacks.class));
    }

    /** Releases components, the Docker client and its threads, then the plugins' class loaders. */
    @Override
    public void close() {
        injector.getInstance(HoistLifecycle.class).close();
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ProvisionException failed) {
            throw unwrap(failed.getErrorMessages(), failed);
        }
    }

    /** Guice wraps our errors; callers want the message we wrote. */
    private static RuntimeException unwrap(Collection<Message> messages, RuntimeException wrapper) {
        for (Message message : messages) {
            if (message.getCause() instanceof HoistException hoist) {
                return hoist;
            }
        }
        return wrapper;
    }
}
