package dev.hoist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.ConfigUnderTest;
import dev.hoist.testing.TestFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Where configuration comes from: a config file given by a bare relative name, and system properties. */
class ConfigSourcesTest {

    private static final ClassLoader LOADER = ConfigSourcesTest.class.getClassLoader();
    private static final Map<String, ContainerRegistryFlavor> FLAVORS = Map.of("test", new TestFlavor());

    @Test
    void anIncludeIsReadWhenTheFileIsGivenByABareRelativeName() throws Exception {
        // A bare name resolves against the working directory, where the test JVM runs (the module's directory).
        String stem = "hoist-include-test-" + UUID.randomUUID();
        Path main = Path.of(stem + ".conf");
        Path included = Path.of(stem + "-ok.conf");
        assertThat(main.getParent()).isNull();
        try {
            Files.writeString(included, "hoist.docker.host = \"unix:///included/docker.sock\"\n");
            Files.writeString(main, "include \"" + included + "\"\nhoist.registries.local.flavor = test\n");
            Config config = HoistConfig.fromFile(main, LOADER);
            assertThat(config.getString("hoist.docker.host")).isEqualTo("unix:///included/docker.sock");
            // The Java API's configFile reads it the same way.
            HoistSettings settings = ConfigUnderTest.load(config, LOADER, FLAVORS).settings();
            assertThat(settings.docker().host()).isEqualTo("unix:///included/docker.sock");
            assertThat(Hoist.builder().configFile(main).classLoader(LOADER).module()).isNotNull();
        } finally {
            Files.deleteIfExists(main);
            Files.deleteIfExists(included);
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void anUnknownKeyInASystemPropertyIsRefusedAsInAFileNamingTheProperty() {
        // The test JVM sets no hoist.* property of its own (see the poms); this one is set and removed here.
        System.setProperty("hoist.default-registy", "x");
        ConfigFactory.invalidateCaches();
        try {
            HoistConfigException error = (HoistConfigException) catchThrowable(() -> ConfigUnderTest.load(
                    ConfigFactory.parseString("hoist.registries.local.flavor = test").withFallback(HoistConfig.defaults(LOADER)),
                    LOADER, FLAVORS));
            assertThat(error).isNotNull();
            assertThat(error.problems()).containsExactly(new ConfigProblem("hoist.default-registy",
                    "system property -Dhoist.default-registy",
                    "Unknown setting 'default-registy'; Hoist does not read it. Did you mean 'default-registry'?"));
        } finally {
            System.clearProperty("hoist.default-registy");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void everyProblemWithASystemPropertyNamesThePropertyAsAnUnknownKeyDoes() {
        // Issue 24 item 17: a problem set by -D was named two ways, "system property -Dhoist.x" for an unknown key
        // and Typesafe's bare "system properties" for every other problem.
        System.setProperty("hoist.docker.connect-timeout", "soon");
        System.setProperty("hoist.registries.local.uri", "bad uri");
        System.setProperty("hoist.registries.other.uri", "localhost:5000");
        ConfigFactory.invalidateCaches();
        try {
            HoistConfigException error = (HoistConfigException) catchThrowable(() -> ConfigUnderTest.load(
                    ConfigFactory.parseString("hoist.registries.local.flavor = test").withFallback(HoistConfig.defaults(LOADER)),
                    LOADER, FLAVORS));
            assertThat(error).isNotNull();
            assertThat(error.problems()).extracting(ConfigProblem::path, ConfigProblem::origin).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("hoist.docker.connect-timeout",
                            "system property -Dhoist.docker.connect-timeout"),
                    org.assertj.core.groups.Tuple.tuple("hoist.registries.local.uri",
                            "system property -Dhoist.registries.local.uri"),
                    // A registry made by system properties alone, missing its flavor: named by its properties.
                    org.assertj.core.groups.Tuple.tuple("hoist.registries.other.flavor",
                            "system properties -Dhoist.registries.other.*"));
        } finally {
            System.clearProperty("hoist.docker.connect-timeout");
            System.clearProperty("hoist.registries.local.uri");
            System.clearProperty("hoist.registries.other.uri");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void aBooleanGivenAsASystemPropertyIsABoolean() {
        // Issue 24 item 17, the kind of (d): a -D value is a string, which Typesafe Config reads as a boolean.
        // insecure used to be refused ("Expected true or false; found string") and implicit-registries ignored.
        System.setProperty("hoist.implicit-registries", "false");
        System.setProperty("hoist.registries.local.insecure", "true");
        ConfigFactory.invalidateCaches();
        try {
            ConfigUnderTest.Loaded loaded = ConfigUnderTest.load(ConfigFactory.parseString(
                    "hoist.registries.local.flavor = test").withFallback(HoistConfig.defaults(LOADER)), LOADER, FLAVORS);
            assertThat(loaded.settings().implicitRegistries()).isFalse();
        } finally {
            System.clearProperty("hoist.implicit-registries");
            System.clearProperty("hoist.registries.local.insecure");
            ConfigFactory.invalidateCaches();
        }
        System.setProperty("hoist.registries.local.insecure", "maybe");
        ConfigFactory.invalidateCaches();
        try {
            HoistConfigException error = (HoistConfigException) catchThrowable(() -> ConfigUnderTest.load(
                    ConfigFactory.parseString("hoist.registries.local.flavor = test").withFallback(
                            HoistConfig.defaults(LOADER)), LOADER, FLAVORS));
            assertThat(error).isNotNull();
            assertThat(error.problems()).extracting(ConfigProblem::path).contains("hoist.registries.local.insecure");
        } finally {
            System.clearProperty("hoist.registries.local.insecure");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void aSystemPropertyNearNoSettingIsABuildToolsOwnAndIsIgnored() {
        // mvn -Dhoist.version=... passes the pom's property on to every test JVM; that must not break Hoist there.
        System.setProperty("hoist.version", "0.2.0");
        System.setProperty("hoist.spi.version", "2.0");
        ConfigFactory.invalidateCaches();
        try {
            ConfigUnderTest.Loaded loaded = ConfigUnderTest.load(ConfigFactory.parseString(
                    "hoist.registries.local.flavor = test").withFallback(HoistConfig.defaults(LOADER)), LOADER, FLAVORS);
            assertThat(loaded.settings()).isNotNull();
        } finally {
            System.clearProperty("hoist.version");
            System.clearProperty("hoist.spi.version");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void aKnownKeyInASystemPropertyStillWinsOverTheFile() throws Exception {
        Path file = Files.createTempFile("hoist-sysprop", ".conf");
        System.setProperty("hoist.docker.host", "unix:///from/property.sock");
        ConfigFactory.invalidateCaches();
        try {
            Files.writeString(file, "hoist.registries.local.flavor = test\nhoist.docker.host = \"unix:///from/file.sock\"\n");
            HoistSettings settings = ConfigUnderTest.load(HoistConfig.fromFile(file, LOADER), LOADER, FLAVORS).settings();
            assertThat(settings.docker().host()).isEqualTo("unix:///from/property.sock");
        } finally {
            System.clearProperty("hoist.docker.host");
            ConfigFactory.invalidateCaches();
            Files.deleteIfExists(file);
        }
    }
}
