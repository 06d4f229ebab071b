package dev.hoist.testing;

import com.typesafe.config.ConfigFactory;
import dev.hoist.push.TransportName;
import dev.hoist.api.RegistryUri;
import dev.hoist.auth.CredentialResolver;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.push.ImagePusher;
import dev.hoist.registry.RegistryContext;
import dev.hoist.registry.Transports;
import dev.hoist.registry.RegistryFlavorAdapter;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.PushHook;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A flavor for core's own tests, with the shared URI rules and a push hook that records the
 * images it saw. Not registered as a service: tests hand it over.
 */
public class TestFlavor implements ContainerRegistryFlavor {

    /** The images the push hook saw, in order. */
    public final List<String> prepared = new CopyOnWriteArrayList<>();

    private final String name;

    public TestFlavor() {
        this("test");
    }

    public TestFlavor(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "A flavor for tests";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://example.invalid/test-flavor");
    }

    @Override
    public String normalizeUri(String uri) {
        return RegistryUri.parse(uri).normalized();
    }

    @Override
    public Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
        return Optional.of(target -> prepared.add(target.image()));
    }

    /**
     * Hoist's module over {@code config}, with these flavors bound as a host binds its own,
     * beside whatever discovery finds on {@code loader}.
     */
    public static com.google.inject.Module module(com.typesafe.config.Config config, ClassLoader loader,
                                                  ContainerRegistryFlavor... flavors) {
        com.google.inject.Module hoist = dev.hoist.Hoist.builder().config(config).classLoader(loader).module();
        return com.google.inject.util.Modules.combine(hoist, new com.google.inject.AbstractModule() {
            @Override
            protected void configure() {
                var binder = dev.hoist.inject.HoistBinders.registryFlavors(binder());
                for (ContainerRegistryFlavor flavor : flavors) {
                    binder.addBinding(flavor.name()).toInstance(flavor);
                }
            }
        });
    }

    /**
     * A registry of {@code flavor} built by core as config would build it, pushing through {@code pusher}
     * with anonymous credentials.
     */
    public static ContainerRegistry registry(ContainerRegistryFlavor flavor, String name, String uri, ImagePusher pusher) {
        RegistryContext registries = new RegistryContext() {
            @Override
            public Transports transports() {
                return new Transports(pusher, () -> {
                    throw new IllegalStateException("no registry-API transport here");
                });
            }

            @Override
            public String defaultTransport() {
                return TransportName.ENGINE.configName();
            }

            @Override
            public CredentialResolver credentials(ComponentSettings settings, ContainerRegistryFlavor of, String host) {
                return new CredentialResolver(List.of());
            }

            @Override
            public String path(String registryName) {
                return "hoist.registries." + registryName;
            }
        };
        ComponentContext context = new ComponentContext() {
            @Override
            public <T> T service(Class<T> type) {
                return type.cast(registries);
            }
        };
        ComponentSettings settings = new ComponentSettings(name, flavor.name(),
                ConfigFactory.parseMap(Map.of("uri", uri)));
        return new RegistryFlavorAdapter(flavor).create(settings, context);
    }
}
