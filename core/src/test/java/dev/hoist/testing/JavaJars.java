package dev.hoist.testing;

import com.google.inject.Module;
import com.typesafe.config.Config;
import dev.hoist.spi.ContainerRegistryFlavor;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.slf4j.Logger;

/**
 * Compiles Java source at test time and packs it as a jar, as a third party would build a
 * flavor: against the Hoist API only.
 */
public final class JavaJars {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>(apiClassPath());
    private final List<String> omitted = new ArrayList<>();
    private String spiVersion;

    /** Adds a source file; {@code className} is its fully qualified class name. */
    public JavaJars source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Adds a resource file, such as {@code reference.conf}. */
    public JavaJars resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    /** Registers flavor classes in {@code META-INF/services}. */
    public JavaJars flavors(String... classNames) {
        return resource("META-INF/services/" + ContainerRegistryFlavor.class.getName(), String.join("\n", classNames) + "\n");
    }

    /** Records the SPI version the jar claims to be built against. */
    public JavaJars spiVersion(String version) {
        this.spiVersion = version;
        return this;
    }

    /** Adds jars or directories to compile against, beyond the Hoist API. */
    public JavaJars compileAgainst(Path... paths) {
        classPath.addAll(List.of(paths));
        return this;
    }

    /** Compiles {@code className} but leaves it out of the jar, as a jar missing a class it references. */
    public JavaJars omit(String className) {
        omitted.add(className.replace('.', '/') + ".class");
        return this;
    }

    /** Compiles the sources and writes the jar. */
    public Path writeTo(Path jar) throws IOException {
        Path classes = Files.createTempDirectory("hoist-javajars");
        if (!sources.isEmpty()) {
            compile(classes);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue("Hoist-Spi-Version", spiVersion);
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path classFile : files.filter(Files::isRegularFile).sorted().toList()) {
                    String entry = classes.relativize(classFile).toString().replace('\\', '/');
                    if (omitted.contains(entry)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry));
                    out.write(Files.readAllBytes(classFile));
                    out.closeEntry();
                }
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private void compile(Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<SimpleJavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            units.add(new SimpleJavaFileObject(URI.create("string:///" + source.getKey().replace('.', '/') + ".java"),
                    SimpleJavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source.getValue();
                }
            });
        }
        StringWriter errors = new StringWriter();
        List<String> options = List.of("--release", "17", "-d", classes.toString(), "-proc:none",
                "-classpath", String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        if (!compiler.getTask(errors, null, null, options, null, units).call()) {
            throw new IllegalStateException("Test sources do not compile:\n" + errors);
        }
    }

    /** The jars of the API a flavor is built against: hoist-core, Guice, jakarta.inject, Typesafe Config, SLF4J. */
    public static List<Path> apiClassPath() {
        List<Path> paths = new ArrayList<>();
        for (Class<?> type : List.of(ContainerRegistryFlavor.class, Module.class, Inject.class, Config.class, Logger.class)) {
            try {
                paths.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (java.net.URISyntaxException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return paths;
    }
}
