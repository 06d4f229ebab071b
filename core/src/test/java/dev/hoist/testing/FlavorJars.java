package dev.hoist.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Builds real flavor jars at test time, so discovery sees classes from distinct jars. */
public final class FlavorJars {

    private FlavorJars() {
    }

    /**
     * Writes a jar with the given classes and a services file listing {@code providers}.
     *
     * @param spi the service interface
     * @param providers the lines of the services file; may name classes that are not in the jar
     * @param classes the classes whose bytecode goes into the jar
     */
    public static Path jar(Path dir, String name, Class<?> spi, String[] providers, Class<?>... classes) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + spi.getName()));
            out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (Class<?> type : classes) {
                String resource = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * A loader over jars that loads classes of {@code isolatedPackage} from the jars first, as
     * a plugin's loader would, and everything else from the test class path.
     */
    public static ClassLoader loader(String isolatedPackage, Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        ClassLoader parent = FlavorJars.class.getClassLoader();
        return new URLClassLoader(urls, parent) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.startsWith(isolatedPackage)) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded == null) {
                        loaded = findClass(name);
                    }
                    if (resolve) {
                        resolveClass(loaded);
                    }
                    return loaded;
                }
            }

            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                // Only the jars' own service files: the test class path registers no flavors anyway.
                return findResources(name);
            }
        };
    }
}
