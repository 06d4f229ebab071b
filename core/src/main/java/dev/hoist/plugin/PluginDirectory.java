package dev.hoist.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of a directory ({@code hoist.plugins.directory}, or {@code hoist --plugins DIR}).
 * Each {@code *.jar} directly in it, and each subdirectory of jars, is one plugin with its own
 * {@link PluginClassLoader}. Closing it closes the loaders.
 */
public final class PluginDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDirectory.class);

    private final List<Plugin> plugins;

    private PluginDirectory(List<Plugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** No plugins: only the class path's flavors. */
    public static PluginDirectory none() {
        return new PluginDirectory(List.of());
    }

    /**
     * Opens every plugin in {@code directory}, in name order.
     *
     * @param directory a directory of jars and of subdirectories of jars, one plugin each
     * @param parent the loader that provides the shared API, normally core's
     * @param setting the full config path that chose the directory, such as
     *     {@code mystack.components.plugins.directory}, named in errors
     * @return the plugins, each with its own class loader
     * @throws PluginException if the directory does not exist or cannot be read
     */
    public static PluginDirectory open(Path directory, ClassLoader parent, String setting) {
        if (!Files.isDirectory(directory)) {
            throw new PluginException("The plugins directory " + directory.toAbsolutePath()
                    + " does not exist or is not a directory (" + setting + " or --plugins).", null);
        }
        List<Plugin> plugins = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                List<Path> jars = Files.isDirectory(entry) ? jarsIn(entry)
                        : isJar(entry) ? List.of(entry) : List.of();
                if (jars.isEmpty()) {
                    if (Files.isDirectory(entry)) {
                        LOG.warn("Plugin directory {} holds no *.jar files; it is ignored.", entry);
                    }
                    continue;
                }
                String name = entry.getFileName().toString();
                plugins.add(new Plugin(name, entry, jars, new PluginClassLoader(name, urls(jars), parent)));
            }
        } catch (IOException unreadable) {
            throw new PluginException("Cannot read the plugins directory " + directory.toAbsolutePath() + ": "
                    + unreadable.getMessage(), unreadable);
        }
        return new PluginDirectory(plugins);
    }

    /**
     * Plugins that provide no flavor of any kind: none of their jars has a {@code META-INF/services/}
     * entry. A plugin that carries only another component type's flavors is no problem.
     *
     * @return one message per such plugin
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Plugin plugin : plugins) {
            boolean services = false;
            boolean unreadableJar = false;
            for (Path jar : plugin.jars()) {
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                    services |= file.stream().anyMatch(entry -> entry.getName().startsWith("META-INF/services/")
                            && !entry.isDirectory());
                } catch (IOException unreadable) {
                    unreadableJar = true;
                    problems.add("Plugin " + plugin.location() + ": cannot read " + jar + " as a jar: "
                            + unreadable.getMessage());
                }
            }
            // A jar that cannot be read is reported above; advice on registering flavors would not fit it.
            if (!services && !unreadableJar) {
                problems.add("Plugin " + plugin.location() + " provides no flavor: none of its jars lists one under"
                        + " META-INF/services/. Register each flavor class with @AutoService(ContainerRegistryFlavor.class),"
                        + " or with the flavor interface of its component type.");
            }
        }
        return problems;
    }

    /** The plugins, in name order. */
    public List<Plugin> plugins() {
        return plugins;
    }

    /** {@code config} with each plugin's {@code reference.conf} as fallback, so its defaults apply. */
    public Config withPluginReferences(Config config) {
        return withPluginReferences(config, "hoist");
    }

    /** As {@link #withPluginReferences(Config)}, with the plugins' {@code hoist} settings moved under {@code root}. */
    public Config withPluginReferences(Config config, String root) {
        Config merged = config;
        for (Plugin plugin : plugins) {
            Config reference = ConfigFactory.parseResourcesAnySyntax(plugin.loader(), "reference");
            if (!root.equals("hoist")) {
                reference = reference.hasPath("hoist") ? reference.getConfig("hoist").atPath(root) : ConfigFactory.empty();
            }
            merged = merged.withFallback(reference);
        }
        return merged;
    }

    @Override
    public void close() {
        for (Plugin plugin : plugins) {
            try {
                plugin.loader().close();
            } catch (IOException ignored) {
                LOG.debug("Closing the loader of plugin {} failed", plugin.name(), ignored);
            }
        }
    }

    private static List<Path> jarsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(PluginDirectory::isJar).sorted().toList();
        }
    }

    private static boolean isJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar");
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return urls;
    }
}
