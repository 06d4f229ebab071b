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
        try {
            URL chosen = null;
            for (URL url : java.util.Collections.list(loader.getResources(String.format(ARTIFACT_RESOURCE, flavorName)))) {
                // Prefer the descriptor that sits in the same jar as the class.
                if (chosen == null || url.toString().contains(location)) {
                    chosen = url;
                }
            }
            if (chosen == null) {
                return null;
            }
            Properties properties = new Properties();
            try (InputStream in = chosen.openStream()) {
                properties.load(in);
            }
            String artifactId = properties.getProperty("artifactId");
            String version = properties.getProperty("version");
            if (artifactId == null) {
                return null;
            }
            return version == null ? artifactId + ".jar" : artifactId + "-" + version + ".jar";
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String fileName(String location) {
        int slash = location.lastIndexOf('/');
        return slash < 0 ? location : location.substring(slash + 1);
    }

    /** The artifact, and the location when that is a different file. */
    public String describe() {
        return location.endsWith("/" + artifact) || location.equals(artifact) ? location : artifact + " (in " + location + ")";
    }
}
