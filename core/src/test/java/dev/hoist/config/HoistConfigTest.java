package dev.hoist.config;

import dev.hoist.component.ComponentDefinition;
import dev.hoist.testing.ConfigUnderTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.TestFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoistConfigTest {

    /** The test flavor's own per-registry keys, declared as a flavor jar's reference.conf declares them. */
    private static final ClassLoader LOADER = testFlavorLoader();

    private static ClassLoader testFlavorLoader() {
        try {
            return dev.hoist.testing.ReferenceConf.loader(Files.createTempDirectory("hoist-test-flavor-reference"),
                    "hoist.flavors.test.registry-defaults { extra = null, retries = null, mode = null }",
                    HoistConfigTest.class.getClassLoader());
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
    private static final Map<String, ContainerRegistryFlavor> FLAVORS = Map.of("test", new TestFlavor());

    @TempDir
    Path dir;

    private static ConfigUnderTest.Loaded loaded(String hocon) {
        return ConfigUnderTest.load(ConfigFactory.parseString(hocon), LOADER, FLAVORS);
    }

    private static HoistSettings load(String hocon) {
        return loaded(hocon).settings();
    }

    @Test
    void theEmbeddedDefaultIsALocalRegistryOfTheDefaultFlavor() {
        Config reference = ConfigFactory.defaultReference(LOADER);
        assertThat(reference.getString("hoist.default-registry")).isEqualTo("local");
        assertThat(reference.getString("hoist.registries.local.flavor")).isEqualTo("default");
        assertThat(reference.getString("hoist.registries.local.uri")).isEqualTo("localhost:5000");
        // Core alone has no 'default' flavor; the error says which artifact brings it.
        assertThatThrownBy(() -> ConfigUnderTest.load(ConfigFactory.empty(), LOADER, FLAVORS))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageMatching("(?s).*hoist\\.registries\\.local\\.flavor \\(\\S*reference\\.conf:\\d+\\).*")
                .hasMessageContaining("Unknown flavor 'default'. Available: test")
                .hasMessageContaining("dev.hoist:hoist-flavor-default");
    }

    @Test
    void readsRegistriesWithNormalisedUrisAndTheDockerSection() {
        ConfigUnderTest.Loaded loaded = loaded("""
                hoist.registries.local.flavor = test
                hoist.registries.prod { flavor = test, uri = "Registry.Example.com:5000/team//", extra = 1 }
                hoist.default-registry = prod
                hoist.docker { host = "tcp://10.0.0.1:2376", tls-verify = "1", cert-path = "/certs", push-timeout = 90s }
                """);
        HoistSettings settings = loaded.settings();
        assertThat(settings.defaultRegistry()).contains("prod");
        assertThat(loaded.registries().names()).containsExactly("local", "prod");
        ComponentDefinition prod = loaded.registries().definition("prod").orElseThrow();
        assertThat(prod.settings().config().getString("uri")).isEqualTo("Registry.Example.com:5000/team//");
        assertThat(prod.settings().config().getInt("extra")).isEqualTo(1);
        assertThat(prod.origin()).startsWith("String:");
        DockerSettings docker = settings.docker();
        assertThat(docker.host()).isEqualTo("tcp://10.0.0.1:2376");
        assertThat(docker.tlsVerify()).isTrue();
        assertThat(docker.certPath()).contains("/certs");
        assertThat(docker.configDir()).isEmpty();
        assertThat(docker.pushTimeout().duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(docker.connectTimeout().duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(docker.connectTimeout()).hasToString("5s");
    }

    @Test
    void tlsVerifyFollowsDockerTlsVerifySemantics() {
        for (String off : new String[] {"", "0", "false", "no"}) {
            assertThat(load("hoist.registries.local.flavor = test\nhoist.docker.tls-verify = \"" + off + "\"")
                    .docker().tlsVerify()).as(off).isFalse();
        }
        assertThat(load("hoist.registries.local.flavor = test\nhoist.docker.tls-verify = yes").docker().tlsVerify()).isTrue();
    }

    @Test
    void everyProblemIsReportedAtOnceWithPathFileLineAndExpectation() throws Exception {
        Path file = dir.resolve("app.conf");
        Files.writeString(file, String.join("\n",
                "hoist {",
                "  default-registry = nowhere",
                "  registries {",
                "    local.flavor = test",
                "    a { flavor = azure, uri = \"x.azurecr.io\" }",
                "    b { flavor = test, uri = \"https://registry.example.com/\" }",
                "    c { flavor = test }",
                "    d = \"not an object\"",
                "    e { flavor = 42, uri = \"localhost:5000\" }",
                "  }",
                "  docker.host = \"/var/run/docker.sock\"",
                "  docker.push-timeout = 0s",
                "}"));
        Config config = HoistConfig.fromFile(file, LOADER);
        HoistConfigException error = (HoistConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ConfigUnderTest.load(config, LOADER, FLAVORS));
        String at = file.toString();
        assertThat(error.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "hoist.registries.a.flavor", "hoist.registries.b.uri", "hoist.registries.c.uri",
                "hoist.registries.d", "hoist.registries.e.flavor", "hoist.default-registry",
                "hoist.docker.host", "hoist.docker.push-timeout");
        assertThat(error.getMessage())
                .startsWith("The configuration under hoist has 8 problems:")
                .contains("hoist.registries.a.flavor (" + at + ":5): Unknown flavor 'azure'. Available: test."
                        + " To use 'azure', put its jar in a plugins directory: --plugins DIR, or hoist.plugins.directory"
                        + " in the config. 'azure' is one of Hoist's own flavors, artifact dev.hoist:hoist-flavor-azure,"
                        + " which may also go on the class path.")
                .contains("hoist.registries.b.uri (" + at + ":6): Flavor 'test' rejects this URI: Registry URI"
                        + " 'https://registry.example.com/' has a scheme")
                .contains("Did you mean 'registry.example.com'?")
                .contains("hoist.registries.c.uri (" + at + ":7): Missing; expected the registry URI")
                .contains("hoist.registries.d (" + at + ":8): Expected an object { flavor = ..., uri = ... }, found string")
                .contains("hoist.registries.e.flavor (" + at + ":9): Expected a string")
                .contains("hoist.default-registry (" + at + ":2): Names registry 'nowhere', which is not configured."
                        + " Configured registries: a, b, c, d, e, local.")
                .contains("hoist.docker.host (" + at + ":11): Docker endpoint '/var/run/docker.sock' must start with unix://")
                .contains("hoist.docker.push-timeout (" + at + ":12): Expected a positive duration");
    }

    @Test
    void wrongTypesAgainstReferenceConfAreReportedByPath() {
        assertThatThrownBy(() -> load("hoist.registries.local.flavor = test\nhoist.docker.connect-timeout = [1]"))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.docker.connect-timeout (String: 2): Expected a duration, like 30s or 5m;"
                        + " found list [1].");
    }

    @Test
    void aMissingConfigFileIsAProblemNotACrash() {
        assertThatThrownBy(() -> HoistConfig.fromFile(dir.resolve("absent.conf"), LOADER))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("absent.conf")
                .hasMessageContaining("does not exist");
    }

    @Test
    void aConfigFileThatDoesNotParseSaysWhere() throws Exception {
        Path file = dir.resolve("broken.conf");
        Files.writeString(file, "hoist {\n  registries = [\n");
        assertThatThrownBy(() -> HoistConfig.fromFile(file, LOADER))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void flavorRegistryDefaultsAreTheFallbackForEachRegistryOfThatFlavor() {
        ConfigUnderTest.Loaded loaded = loaded("""
                hoist.flavors.test.registry-defaults { retries = 3, mode = safe }
                hoist.registries.local { flavor = test, mode = fast }
                """);
        Config registry = loaded.registries().definition("local").orElseThrow().settings().config();
        assertThat(registry.getInt("retries")).isEqualTo(3);
        assertThat(registry.getString("mode")).isEqualTo("fast");
    }

    @Test
    void registryApiSettingsAreCheckedAtLoadEachProblemOnOneLineWithFileLineAndExpectation() throws Exception {
        Path file = dir.resolve("c.conf");
        Files.writeString(file, String.join("\n",
                "hoist.registries.local.flavor = test",
                "hoist.registry-api {",
                "  parallelism = 0, compression-level = 12, retry-attempts = -1, retry-cap = 1ms",
                "  monolithic-upload-threshold = -5",
                "  connect-timeout = soon",
                "  idle-timeout = true",
                "}"));
        Config config = HoistConfig.fromFile(file, LOADER);
        HoistConfigException error = (HoistConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> ConfigUnderTest.load(config, LOADER, FLAVORS));
        String at = file.toString();
        assertThat(error).isNotNull();
        assertThat(error.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "hoist.registry-api.parallelism", "hoist.registry-api.compression-level",
                "hoist.registry-api.retry-attempts", "hoist.registry-api.retry-cap",
                "hoist.registry-api.monolithic-upload-threshold", "hoist.registry-api.connect-timeout",
                "hoist.registry-api.idle-timeout");
        assertThat(error.problems()).allSatisfy(problem -> {
            assertThat(problem.origin()).startsWith(at + ":");
            assertThat(problem.message()).doesNotContain("\n").doesNotContain(at);
        });
        assertThat(error.getMessage())
                .startsWith("The configuration under hoist has 7 problems:")
                .contains("hoist.registry-api.parallelism (" + at + ":3): Expected a whole number from 1 to 64; found 0.")
                .contains("hoist.registry-api.compression-level (" + at + ":3): Expected a whole number from 1 (fastest)"
                        + " to 9 (smallest); found 12.")
                .contains("hoist.registry-api.retry-attempts (" + at + ":3): Expected a whole number from 1 to 100"
                        + " (1 retries nothing); found -1.")
                .contains("hoist.registry-api.retry-cap (" + at + ":3): Expected a duration of at least retry-base"
                        + " (500ms); found 1ms.")
                .contains("hoist.registry-api.monolithic-upload-threshold (" + at + ":4): Expected a size of 0 or more"
                        + " bytes, like 1MiB, 512KiB or 0; found number -5.")
                .contains("hoist.registry-api.connect-timeout (" + at + ":5): Expected a positive duration, like 500ms,"
                        + " 5s or 2m; found string \"soon\".")
                .contains("hoist.registry-api.idle-timeout (" + at + ":6): ");
    }

    @Test
    void aRegistryApiValueOfTheWrongKindIsOneProblemNotRawTypesafeText() {
        assertThatThrownBy(() -> load("hoist.registries.local.flavor = test\nhoist.registry-api.parallelism = four"))
                .isInstanceOf(HoistConfigException.class)
                .hasMessage("The configuration under hoist has a problem:\n  - hoist.registry-api.parallelism (String: 2):"
                        + " Expected a whole number from 1 to 64; found string \"four\".");
    }
}
