package dev.hoist.cli;

import dev.hoist.plugin.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * What {@code hoist --version} and {@code hoist version} report.
 *
 * @param hoist Hoist's version, as the build wrote it (the Maven project version, such as {@code 0.1.0})
 * @param spi the flavor SPI version of the hoist-core on the class path, {@code major.minor}
 * @param java the version of the Java runtime running Hoist, the {@code java.version} system property
 */
record HoistVersion(String hoist, String spi, String java) {

    private static final String RESOURCE = "/META-INF/hoist/cli-version.properties";

    HoistVersion {
        Objects.requireNonNull(hoist, "hoist");
        Objects.requireNonNull(spi, "spi");
        Objects.requireNonNull(java, "java");
    }

    /** The versions of this process: this build's Hoist, the SPI of its hoist-core, and the running JVM. */
    static HoistVersion current() {
        Properties properties = new Properties();
        try (InputStream in = HoistVersion.class.getResourceAsStream(RESOURCE)) {
            properties.load(Objects.requireNonNull(in, () -> "hoist-cli is missing " + RESOURCE));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return new HoistVersion(Objects.requireNonNull(properties.getProperty("version"), () -> RESOURCE + " has no version"),
                SpiVersion.current().toString(), System.getProperty("java.version"));
    }

    /** One JSON object: {@code {"version":"…","spi":"…","java":"…"}}. */
    String json() {
        return Json.object().put("version", hoist).put("spi", spi).put("java", java).toString();
    }
}
