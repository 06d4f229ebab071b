package dev.hoist.transport.source;

import dev.hoist.docker.DockerEngine;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Gives the registry-API transport what it needs to read a {@code docker-daemon:} source: the engine, asked for
 * only when such a source is pushed, so {@code docker-archive:} and {@code oci:} pushes never touch docker-java.
 */
public final class ImageSourceOpener {

    private final Supplier<DockerEngine> engine;

    /** @param engine supplies the engine on first use by a {@code docker-daemon:} push; never called otherwise */
    public ImageSourceOpener(Supplier<DockerEngine> engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** An opener for callers that never push from the engine; a {@code docker-daemon:} source then fails. */
    public static ImageSourceOpener withoutEngine() {
        return new ImageSourceOpener(() -> {
            throw dev.hoist.push.ImageSourceException.invalid("This Hoist has no Docker engine to read docker-daemon:"
                    + " sources from; use docker-archive: or oci:.", null);
        });
    }

    /** The engine. */
    public DockerEngine engine() {
        return engine.get();
    }
}
