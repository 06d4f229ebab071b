package dev.hoist.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Properties;

/**
 * Where a flavor class came from.
 *
 * @param location the jar or directory its class loaded from
 * @param artifact the artifact it was built as, from {@code META-INF/hoist/flavors/<name>.properties};
 *     this differs from the location's file name when the flavor was shaded into a larger jar
 */
public record FlavorOrigin(String location, String artifact) {

    static final String ARTIFACT_RESOURCE = "META-INF/hoist/flavors/%s.properties";

    /** The origin of a flavor class named {@code flavorName}. */
    static FlavorOrigin of(Class<?> type, String flavorName) {
        String location = locationOf(type);
        String artifact = artifactOf(type.getClassLoader(), flavorName, location);
        return new FlavorOrigin(location, artifact == null ? fileName(location) : artifact);
    }

    /** The jar or directory a class loaded from, or a note saying it is unknown. */
    public static String locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "(unknown location of " + type.getName() + ")";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (Exception notAFile) {
            return source.getLocation().toString();
        }
    }

    private static String artifactOf(ClassLoader loader, String flavorName, String location) {
        if (loader == null || flavorName == null) {
            return null;
        }
        String resource = String.format(ARTIFACT_RESOURCE, flavorName);
        try {
            for (URL url : java.util.Collections.list(loader.getResources(resource))) {
                // Only the descriptor in the class's own jar or directory describes it: a plugin's loader
                // also sees the host's descriptors, and a plugin jar named like a built-in is not that built-in.
                if (location.equals(sourceOf(url, resource))) {
                    return read(url);
                }
            }
            return null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String read(URL descriptor) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = descriptor.openStream()) {
            properties.load(in);
        }
        String artifactId = properties.getProperty("artifactId");
        String version = properties.getProperty("version");
        if (artifactId == null) {
            return null;
        }
        return version == null ? artifactId + ".jar" : artifactId + "-" + version + ".jar";
    }

    /** The jar or directory a resource URL points into, as {@link #locationOf} writes it; null if unknown. */
    private static String sourceOf(URL url, String resource) {
        try {
            String text = url.toString();
            if (text.startsWith("jar:")) {
                int separator = text.lastIndexOf("!/");
                return separator < 0 ? null : Path.of(java.net.URI.create(text.substring(4, separator))).toString();
            }
            if (text.endsWith("/" + resource)) {
                return Path.of(java.net.URI.create(text.substring(0, text.length() - resource.length()))).toString();
            }
            return null;
        } catch (Exception notAFile) {
            return null;
        }
    }

    private static String fileName(String location) {
        int slash = location.lastIndexOf('/');
        return slash < 0 ? location : location.substring(slash + 1);
    }

    /**
     * The file first, then the artifact when it is known and is not simply the file's name:
     * {@code /opt/hoist/hoist.jar (artifact hoist-flavor-default-0.1.0.jar)} for a flavor shaded into
     * a larger jar, {@code /plugins/dup.jar} for a jar without a descriptor. Every origin is written
     * this way, so two origins in one message read alike.
     */
    public String describe() {
        return artifact == null || artifact.equals(fileName(location)) ? location : location + " (artifact " + artifact + ")";
    }
}
