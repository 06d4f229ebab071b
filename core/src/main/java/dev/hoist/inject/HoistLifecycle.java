package dev.hoist.inject;

import dev.hoist.component.Components;
import dev.hoist.discovery.InstalledFlavors;
import dev.hoist.docker.DockerEngine;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an injector built with {@link HoistModule} holds open: the Docker client and its
 * connection pool, the components that are {@link AutoCloseable}, and the plugins' class
 * loaders. A host calls {@link #close()} on shutdown; {@link dev.hoist.Hoist#close()} does.
 */
public final class HoistLifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HoistLifecycle.class);

    private final Provider<DockerEngine> docker;
    private final Provider<Map<String, Components<?>>> components;
    private final InstalledFlavors installed;
    private boolean closed;

    @Inject
    HoistLifecycle(Provider<DockerEngine> docker, Provider<Map<String, Components<?>>> components, InstalledFlavors installed) {
        this.docker = docker;
        this.components = components;
        this.installed = installed;
    }

    /** Closes components first, then the Docker client, then the plugins' loaders. Later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (Components<?> ofType : components.get().values()) {
                if (ofType instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception failed) {
                        LOG.warn("Closing the {} components failed", ofType.type().type().id(), failed);
                    }
                }
            }
        } catch (RuntimeException unbuilt) {
            // A type whose config was invalid has no components to close.
            LOG.debug("Some components were never built", unbuilt);
        } finally {
            try {
                docker.get().close();
            } finally {
                installed.close();
            }
        }
    }
}
