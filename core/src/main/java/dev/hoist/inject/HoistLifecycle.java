package dev.hoist.inject;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.hoist.component.Components;
import dev.hoist.plugin.PluginDirectory;
import dev.hoist.registry.Transports;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an injector with {@link HoistModule} must release on shutdown: every component that is
 * {@link AutoCloseable}, of every type, container registries included (the implicit ones too); then the Docker
 * client and its threads; then the plugins' class loaders. Closing twice does nothing.
 */
public final class HoistLifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HoistLifecycle.class);

    private final EngineTracker docker;
    private final Provider<Transports> transports;
    private final Provider<Map<String, Components<?>>> components;
    private final Provider<dev.hoist.component.ContainerRegistries> registries;
    private final PluginDirectory plugins;
    private boolean closed;

    @Inject
    HoistLifecycle(EngineTracker docker, Provider<Transports> transports,
                   Provider<Map<String, Components<?>>> components,
                   Provider<dev.hoist.component.ContainerRegistries> registries, PluginDirectory plugins) {
        this.registries = registries;
        this.docker = docker;
        this.transports = transports;
        this.components = components;
        this.plugins = plugins;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // Implicit registries, built for references that no configured registry owns, first.
            registries.get().close();
        } catch (RuntimeException unbuilt) {
            LOG.debug("No implicit registries were built", unbuilt);
        }
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
                transports.get().close();
                docker.closeIfBuilt();
            } finally {
                plugins.close();
            }
        }
    }
}
