package dev.hoist.discovery;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.hoist.config.HoistConfig;
import dev.hoist.plugin.PluginDirectory;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container registry flavors a config makes available: the class path's, plus those of
 * the plugins directory it names ({@code hoist.plugins.directory}). Closing it closes the
 * plugins' class loaders, so close it only when no registry of theirs is in use.
 */
public final class InstalledFlavors implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstalledFlavors.class);

    private final PluginDirectory plugins;
    private final FlavorCatalog<ContainerRegistryFlavor> catalog;
    private final Config config;

    private InstalledFlavors(PluginDirectory plugins, FlavorCatalog<ContainerRegistryFlavor> catalog, Config config) {
        this.plugins = plugins;
        this.catalog = catalog;
        this.config = config;
    }

    /**
     * Opens the plugins directory that {@code config} names, if any, and discovers every flavor.
     * Discovery problems are logged as warnings and kept in {@link FlavorCatalog#problems()}.
     *
     * @throws dev.hoist.plugin.PluginException if the named directory cannot be read
     */
    public static InstalledFlavors open(Config config, ClassLoader loader) {
        return open(config, HoistConfig.ROOT, loader);
    }

    /** As {@link #open(Config, ClassLoader)}, with Hoist's settings under {@code root}, such as {@code mystack.components}. */
    public static InstalledFlavors open(Config config, String root, ClassLoader loader) {
        Objects.requireNonNull(config, "config");
        PluginDirectory plugins = pluginsDirectory(config, root, loader)
                .map(dir -> PluginDirectory.open(dir, loader))
                .orElseGet(PluginDirectory::none);
        FlavorCatalog<ContainerRegistryFlavor> catalog =
                FlavorCatalog.discover(ContainerRegistryFlavor.class, loader, plugins);
        catalog.problems().forEach(problem -> LOG.warn("{}", problem));
        return new InstalledFlavors(plugins, catalog, plugins.withPluginReferences(config, root));
    }

    /** Flavors in hand, without discovery: for hosts and tests. */
    public static InstalledFlavors of(Config config, FlavorCatalog<ContainerRegistryFlavor> catalog) {
        return new InstalledFlavors(PluginDirectory.none(), catalog, config);
    }

    private static java.util.Optional<Path> pluginsDirectory(Config config, String root, ClassLoader loader) {
        try {
            Config resolved = HoistConfig.tree(config, root, loader);
            String directory = resolved.hasPath("plugins.directory") ? resolved.getString("plugins.directory") : "";
            return directory.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(directory));
        } catch (ConfigException | dev.hoist.config.HoistConfigException unreadable) {
            return java.util.Optional.empty(); // The config's validation reports it.
        }
    }

    /** The flavors, with their jars and any discovery problems. */
    public FlavorCatalog<ContainerRegistryFlavor> catalog() {
        return catalog;
    }

    /** The config with each plugin's reference.conf as fallback. */
    public Config config() {
        return config;
    }

    /** The plugins in use. */
    public PluginDirectory plugins() {
        return plugins;
    }

    @Override
    public void close() {
        plugins.close();
    }
}
