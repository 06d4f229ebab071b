package dev.hoist.registry;

import dev.hoist.push.ImagePusher;

import dev.hoist.transport.registry.RegistryApiTransport;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The two transports a registry may push through: the engine's own {@code docker push}, and
 * Hoist's client of the registry HTTP API, which is built on its first push (its thread pools
 * cost nothing until then) and closed with Hoist.
 */
public final class Transports implements AutoCloseable {

    private final Supplier<? extends ImagePusher> engineFactory;
    private ImagePusher engine;
    private final Supplier<RegistryApiTransport> factory;
    private RegistryApiTransport registryApi;
    private boolean closed;

    /**
     * @param engine pushes images that are in the engine, by their name
     * @param registryApi builds the registry-API transport, once, on first use
     */
    public Transports(ImagePusher engine, Supplier<RegistryApiTransport> registryApi) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.engineFactory = () -> engine;
        this.factory = Objects.requireNonNull(registryApi, "registryApi");
    }

    private Transports(Supplier<? extends ImagePusher> engine, Supplier<RegistryApiTransport> registryApi, Void lazy) {
        this.engineFactory = Objects.requireNonNull(engine, "engine");
        this.factory = Objects.requireNonNull(registryApi, "registryApi");
    }

    /**
     * Transports whose engine transport is also built on first use: a push from an archive or an OCI layout never
     * builds (nor loads) the Docker client.
     *
     * @param engine builds the engine transport, once, on first use
     * @param registryApi builds the registry-API transport, once, on first use
     * @return the transports
     */
    public static Transports lazy(Supplier<? extends ImagePusher> engine, Supplier<RegistryApiTransport> registryApi) {
        return new Transports(engine, registryApi, null);
    }

    /** The engine transport, built on first use. */
    public synchronized ImagePusher engine() {
        if (engine == null) {
            engine = Objects.requireNonNull(engineFactory.get(), "engine");
        }
        return engine;
    }

    /**
     * The registry-API transport, built on first use.
     *
     * @return the transport
     * @throws IllegalStateException once closed
     */
    public synchronized RegistryApiTransport registryApi() {
        if (closed) {
            throw new IllegalStateException("Hoist is closed");
        }
        if (registryApi == null) {
            registryApi = factory.get();
        }
        return registryApi;
    }

    /** Closes the registry-API transport if it was built: its threads end. */
    @Override
    public synchronized void close() {
        closed = true;
        if (registryApi != null) {
            registryApi.close();
            registryApi = null;
        }
    }
}
