package dev.hoist.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The version of this SPI, {@code major.minor}. A flavor jar records the version it was
 * built against in its manifest, as {@code Hoist-Spi-Version}; Hoist's parent pom writes it.
 * A flavor is compatible when its major version equals Hoist's and its minor is not newer.
 */
public record SpiVersion(int major, int minor) {

    /** The manifest attribute that records the SPI version a jar was built against. */
    public static final String MANIFEST_ATTRIBUTE = "Hoist-Spi-Version";

    /** The SPI version of this hoist-core, as the build wrote it. */
    public static SpiVersion current() {
        Properties properties = new Properties();
        try (InputStream in = SpiVersion.class.getResourceAsStream("/META-INF/hoist/spi-version.properties")) {
            properties.load(Objects.requireNonNull(in, "hoist-core is missing META-INF/hoist/spi-version.properties"));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return parse(properties.getProperty("version"));
    }

    /**
     * Parses {@code major.minor}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static SpiVersion parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\.");
        try {
            if (parts.length == 2) {
                return new SpiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        throw new IllegalArgumentException("An SPI version is major.minor, like 1.0; got '" + text + "'");
    }

    /** The version a jar's manifest records, if it records one. */
    public static Optional<String> recordedIn(Manifest manifest) {
        return manifest == null ? Optional.empty()
                : Optional.ofNullable(manifest.getMainAttributes().getValue(new Attributes.Name(MANIFEST_ATTRIBUTE)));
    }

    /** Whether a flavor built against {@code builtAgainst} runs on this version. */
    public boolean runs(SpiVersion builtAgainst) {
        return builtAgainst.major == major && builtAgainst.minor <= minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
