package dev.hoist.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.push.TransportName;
import dev.hoist.auth.CredentialResolver;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.push.ImagePusher;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.registry.RegistryContext;
import dev.hoist.registry.Transports;
import dev.hoist.registry.RegistryFlavorAdapter;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.HoistException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a flavor's push hook exactly as core does, without an engine or a registry: the registry
 * is built by core from the flavor (settings checked, the flavor's {@code reference.conf}
 * defaults applied), and a push runs parse, ownership and the hook, then records what would
 * have been pushed instead of pushing it.
 */
public final class PushHookHarness {

    private final ContainerRegistryFlavor flavor;
    private final Map<String, Object> services;
    private final List<String> pushed = new CopyOnWriteArrayList<>();

    private PushHookHarness(ContainerRegistryFlavor flavor, Map<String, Object> services) {
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        this.services = Map.copyOf(services);
    }

    /**
     * A harness for this flavor.
     *
     * @param flavor the flavor under test
     * @return the harness
     */
    public static PushHookHarness of(ContainerRegistryFlavor flavor) {
        return new PushHookHarness(flavor, Map.of());
    }

    /**
     * A harness whose {@code ComponentContext} also offers these services, by class name, as the
     * bindings of the flavor's {@code module()} would.
     *
     * @param flavor the flavor under test
     * @param services instances by their class's name
     * @return the harness
     */
    public static PushHookHarness of(ContainerRegistryFlavor flavor, Map<String, Object> services) {
        return new PushHookHarness(flavor, services);
    }

    /**
     * A registry of the flavor, built by core.
     *
     * @param uri the registry URI, as config would hold it
     * @return the registry, pushing into this harness
     * @throws HoistException if the flavor refuses the URI or its settings
     */
    public ContainerRegistry registry(String uri) {
        return registry("test", uri, ConfigFactory.empty());
    }

    /**
     * A registry of the flavor with settings of its own.
     *
     * @param name the registry's name, as messages show it
     * @param uri the registry URI
     * @param settings more settings of the registry, such as {@code max-path-depth-below-project = 1}
     * @return the registry, pushing into this harness
     * @throws HoistException listing the problems {@code check} found
     */
    public ContainerRegistry registry(String name, String uri, Config settings) {
        Config defaults = ConfigFactory.defaultReference(flavor.getClass().getClassLoader());
        String path = "hoist.flavors." + flavor.name() + ".registry-defaults";
        Config config = settings.withFallback(ConfigFactory.parseMap(Map.of("uri", uri)))
                .withFallback(defaults.hasPath(path) ? defaults.getConfig(path) : ConfigFactory.empty())
                .withFallback(defaults.hasPath("hoist.registry-defaults") ? defaults.getConfig("hoist.registry-defaults")
                        : ConfigFactory.empty());
        ComponentSettings componentSettings = new ComponentSettings(name, flavor.name(), config);
        RegistryFlavorAdapter adapter = new RegistryFlavorAdapter(flavor);
        var problems = adapter.check(componentSettings);
        if (!problems.isEmpty()) {
            throw new HoistException("Flavor '" + flavor.name() + "' refuses these settings: " + problems);
        }
        return adapter.create(componentSettings, context());
    }

    /**
     * Runs parse, ownership and the flavor's hook for one image, as {@code pushImage} does, and
     * records the push instead of making it.
     *
     * @param uri the registry URI
     * @param image the image reference
     * @return the repository and tag that would be pushed, {@code <name>:<tag>}
     * @throws HoistException as a real push would, before any byte moves
     */
    public String push(String uri, String image) {
        registry(uri).pushImage(image);
        return pushed.get(pushed.size() - 1);
    }

    /** {@return every push recorded, as {@code <name>:<tag>}} */
    public List<String> pushed() {
        return List.copyOf(pushed);
    }

    private ComponentContext context() {
        ImagePusher recorder = new ImagePusher() {
            @Override
            public String push(String repository, String tag, java.util.Optional<RegistryCredentials> credentials) {
                pushed.add(repository + ":" + tag);
                return "sha256:" + "0".repeat(64);
            }

            @Override
            public boolean reportsRegistryDigest() {
                return true; // Nothing was pushed, so there is no registry to ask, and no warning that it was not asked.
            }
        };
        RegistryContext registries = new RegistryContext() {
            @Override
            public Transports transports() {
                return new Transports(recorder, () -> {
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
        return new ComponentContext() {
            @Override
            public <T> T service(Class<T> type) {
                if (type == RegistryContext.class) {
                    return type.cast(registries);
                }
                Object service = services.get(type.getName());
                if (service == null) {
                    throw new HoistException("The harness has no " + type.getName() + "; pass it to PushHookHarness.of.");
                }
                return type.cast(service);
            }
        };
    }
}
