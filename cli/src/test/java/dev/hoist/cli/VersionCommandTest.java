package dev.hoist.cli;

import static dev.hoist.cli.CliRun.run;
import dev.hoist.cli.CliRun.Result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.plugin.SpiVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hoist version} and {@code hoist --version}, in-process. The expected versions come from the
 * build (cli/pom.xml passes {@code project.version} and {@code hoist.spi.version}), so a stale or
 * unfiltered version resource fails here.
 */
class VersionCommandTest {

    private static String version;
    private static String spi;

    @BeforeAll
    static void expected() {
        version = System.getProperty("test.expected.version");
        spi = System.getProperty("test.expected.spi");
        assertThat(version).as("system property hoist.expected.version, set by cli/pom.xml").isNotBlank();
        assertThat(spi).as("system property hoist.expected.spi, set by cli/pom.xml").isNotBlank();
    }

    @Test
    void versionJsonIsOneObjectWithHoistsSpiAndJavasVersion() {
        Result result = run("version", "--json");
        assertThat(result.code()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines()).containsExactly("{\"version\":\"" + version + "\",\"spi\":\"" + spi
                + "\",\"java\":\"" + System.getProperty("java.version") + "\"}");
    }

    @Test
    void theSpiVersionIsTheOneHoistCoreChecksFlavorsAgainst() {
        assertThat(HoistVersion.current().spi()).isEqualTo(SpiVersion.current().toString()).isEqualTo(spi);
    }

    @Test
    void versionWithoutJsonPrintsOneLineEach() {
        Result result = run("version");
        assertThat(result.code()).isZero();
        assertThat(result.out().lines()).containsExactly("hoist " + version, "spi   " + spi,
                "java  " + System.getProperty("java.version"));
    }

    @Test
    void dashDashVersionPrintsHoistsAndTheSpiVersion() {
        Result result = run("--version");
        assertThat(result.code()).isZero();
        assertThat(result.out().lines()).containsExactly("hoist " + version + " (SPI " + spi + ")");
    }

    @Test
    void theJsonQuotesWhatItPrints() {
        assertThat(new HoistVersion("1.0 \"beta\"", "2.0", "17").json())
                .isEqualTo("{\"version\":\"1.0 \\\"beta\\\"\",\"spi\":\"2.0\",\"java\":\"17\"}");
    }

    @Test
    void theHelpListsTheVersionCommand() {
        Result result = run("--help");
        assertThat(result.out()).containsPattern("(?m)^\\s+version\\s+Show Hoist's version");
    }
}
