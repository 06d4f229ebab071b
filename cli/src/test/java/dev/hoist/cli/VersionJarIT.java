package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** {@code java -jar hoist.jar version --json}: the shaded jar reports the build's versions and records them in its manifest. */
class VersionJarIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar"));

    @Test
    void theShadedJarPrintsTheBuildsVersions() throws Exception {
        String version = System.getProperty("test.expected.version");
        String spi = System.getProperty("test.expected.spi");
        assertThat(version).as("hoist.expected.version, set by cli/pom.xml").isNotBlank();
        assertThat(spi).as("hoist.expected.spi, set by cli/pom.xml").isNotBlank();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-jar", JAR.toString(), "version", "--json"))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("hoist finished").isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        // The child runs on this same JVM, so it reports this JVM's java.version.
        assertThat(out.lines()).containsExactly("{\"version\":\"" + version + "\",\"spi\":\"" + spi + "\",\"java\":\""
                + System.getProperty("java.version") + "\"}");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Hoist-Spi-Version")).isEqualTo(spi);
        }
    }
}
