package dev.hoist.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * One plugin's class loader. The API that Hoist shares with every plugin comes from the
 * parent; everything else is looked up in the plugin's own jars first, so that two plugins
 * can carry different versions of the same library and neither sees the other's classes.
 */
public final class PluginClassLoader extends URLClassLoader {

    /**
     * Packages every plugin shares with Hoist: the SPI ({@code dev.hoist.spi}) and the public API
     * ({@code dev.hoist.api}) and nothing else of Hoist, plus Guice, jakarta.inject, Typesafe Config
     * and SLF4J. Every other Hoist package is internal: a plugin that uses one fails to load, and
     * discovery names its jar.
     */
    public static final List<String> SHARED_PACKAGES = List.of(
            "dev.hoist.spi.", "dev.hoist.api.", "com.google.inject.", "jakarta.inject.", "com.typesafe.config.", "org.slf4j.");
    // The JDK's own classes always come from the platform. Asking the platform loader, rather than
    // matching prefixes such as javax., keeps libraries that merely share those prefixes (JSR-305's
    // javax.annotation, JNA's com.sun.jna) child-first like any other library.
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    private static final String SERVICES = "META-INF/services/";
    private static final String HOIST = "dev.hoist.";

    static {
        registerAsParallelCapable();
    }

    private final String pluginName;

    PluginClassLoader(String pluginName, URL[] jars, ClassLoader parent) {
        super("hoist-plugin-" + pluginName, jars, parent);
        this.pluginName = pluginName;
    }

    /** The plugin this loader belongs to. */
    public String pluginName() {
        return pluginName;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("java.") || startsWithAny(name, SHARED_PACKAGES)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = fromPlatform(name);
            }
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notOurs) {
                    if (name.startsWith(HOIST)) {
                        // Hoist's internals are not API: a plugin that uses them fails to load, and discovery names its jar.
                        throw new ClassNotFoundException(name + " is internal to Hoist; a plugin may use only the"
                                + " packages dev.hoist.spi and dev.hoist.api (plugin " + pluginName + ")");
                    }
                    // The host's own API, such as its component types' flavor interfaces, and other libraries.
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private static Class<?> fromPlatform(String name) {
        try {
            return PLATFORM.loadClass(name);
        } catch (ClassNotFoundException notAJdkClass) {
            return null;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        // A plugin's service files are its own: the class path's providers are found elsewhere.
        if (name.startsWith(SERVICES)) {
            return findResources(name);
        }
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
