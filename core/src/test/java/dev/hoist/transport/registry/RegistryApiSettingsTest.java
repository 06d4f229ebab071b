package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.config.HoistConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The transport's settings come from core's reference.conf, which holds every default. */
class RegistryApiSettingsTest {

    private static Config section(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference())
                .resolve().getConfig("hoist.registry-api");
    }

    @Test
    void theDefaultsAreReferenceConfs() {
        RegistryApiSettings settings = RegistryApiSettings.from(section(""));
        assertThat(settings.parallelism()).isEqualTo(4);
        assertThat(settings.compressionLevel()).isEqualTo(1);
        assertThat(settings.blobCacheDirectory()).isEmpty();
        assertThat(settings.monolithicThreshold()).isEqualTo(1024 * 1024);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.certsDirectory()).contains(Path.of("/etc/docker/certs.d"));
        assertThat(settings.retryAttempts()).isEqualTo(5);
        assertThat(settings.retryBase()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.retryCap()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryValuesAreReadAndBadOnesNameTheirKey() {
        RegistryApiSettings settings = RegistryApiSettings.from(section(
                "hoist.registry-api { retry-attempts = 1, retry-base = 2s, retry-cap = 2m }"));
        assertThat(settings.retryAttempts()).isEqualTo(1);
        assertThat(settings.retryBase()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.retryCap()).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> RegistryApiSettings.from(section("hoist.registry-api.retry-attempts = 0")))
                .isInstanceOf(HoistConfigException.class).hasMessageContaining("hoist.registry-api.retry-attempts");
        assertThatThrownBy(() -> RegistryApiSettings.from(section("hoist.registry-api.retry-base = 0s")))
                .isInstanceOf(HoistConfigException.class).hasMessageContaining("hoist.registry-api.retry-base");
        assertThatThrownBy(() -> RegistryApiSettings.from(section(
                "hoist.registry-api { retry-base = 10s, retry-cap = 1s }")))
                .isInstanceOf(HoistConfigException.class).hasMessageContaining("hoist.registry-api.retry-cap")
                .hasMessageContaining("10s");
    }

    @Test
    void overridesAreRead() {
        RegistryApiSettings settings = RegistryApiSettings.from(section(
                "hoist.registry-api { parallelism = 8, compression-level = 6, blob-cache-directory = \"/tmp/c\","
                        + " certs-directory = \"\" }"));
        assertThat(settings.parallelism()).isEqualTo(8);
        assertThat(settings.compressionLevel()).isEqualTo(6);
        assertThat(settings.resolvedBlobCacheDirectory()).isEqualTo(Path.of("/tmp/c"));
        assertThat(settings.certsDirectory()).isEqualTo(Optional.empty());
    }

    @Test
    void theSourceRulesAreOffByDefaultAndReadAsBooleans() {
        RegistryApiSettings defaults = RegistryApiSettings.from(section(""));
        assertThat(defaults.allowLinksOutOfLayout()).isFalse();
        assertThat(defaults.pushNondistributableLayers()).isFalse();
        RegistryApiSettings set = RegistryApiSettings.from(section(
                "hoist.registry-api { allow-links-out-of-layout = true, push-nondistributable-layers = true }"));
        assertThat(set.allowLinksOutOfLayout()).isTrue();
        assertThat(set.pushNondistributableLayers()).isTrue();
        assertThatThrownBy(() -> RegistryApiSettings.from(section("hoist.registry-api.allow-links-out-of-layout = 2")))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registry-api.allow-links-out-of-layout").hasMessageContaining("true or false");
        assertThatThrownBy(() -> RegistryApiSettings.from(section("hoist.registry-api.push-nondistributable-layers = x")))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registry-api.push-nondistributable-layers");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> RegistryApiSettings.from(section("hoist.registry-api.parallelism = 0")))
                .isInstanceOf(HoistConfigException.class).hasMessageContaining("hoist.registry-api.parallelism");
        assertThatThrownBy(() -> RegistryApiSettings.from(section("hoist.registry-api.compression-level = 11")))
                .isInstanceOf(HoistConfigException.class).hasMessageContaining("compression-level");
        assertThatThrownBy(() -> RegistryApiSettings.from(section("hoist.registry-api.idle-timeout = soon")))
                .isInstanceOf(HoistConfigException.class).hasMessageContaining("idle-timeout");
    }

    @Test
    void everyBadValueIsReportedAtOnceWithItsKeyAndOrigin() {
        HoistConfigException error = (HoistConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> RegistryApiSettings.from(section("hoist.registry-api { parallelism = 0, compression-level = 12,"
                        + " retry-attempts = -1, retry-cap = 1ms }")));
        assertThat(error.problems()).extracting(dev.hoist.config.ConfigProblem::path).containsExactly(
                "hoist.registry-api.parallelism", "hoist.registry-api.compression-level",
                "hoist.registry-api.retry-attempts", "hoist.registry-api.retry-cap");
        assertThat(error.problems()).allSatisfy(problem -> assertThat(problem.origin()).isEqualTo("String: 1"));
    }

    @Test
    void theConstructorKeepsTheSameRules() {
        assertThatThrownBy(() -> new RegistryApiSettings(0, 12, Optional.empty(), -1, Duration.ZERO, Duration.ofSeconds(1),
                Optional.empty(), 5, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registry-api.parallelism (settings object): Expected a whole number from 1 to 64; found 0.")
                .hasMessageContaining("hoist.registry-api.compression-level")
                .hasMessageContaining("hoist.registry-api.monolithic-upload-threshold")
                .hasMessageContaining("hoist.registry-api.connect-timeout");
    }

    @Test
    void theDefaultCacheDirectoryComesFromTheEnvironmentItWasReadWith() {
        dev.hoist.auth.Environment xdg = new dev.hoist.auth.Environment(
                java.util.Map.of("XDG_CACHE_HOME", "/host/xdg-cache"), Path.of("/home/someone"));
        dev.hoist.auth.Environment plain = new dev.hoist.auth.Environment(java.util.Map.of(), Path.of("/home/someone"));

        assertThat(RegistryApiSettings.from(section(""), RegistryApiSettings.PATH, xdg).resolvedBlobCacheDirectory())
                .isEqualTo(Path.of("/host/xdg-cache/hoist"));
        assertThat(RegistryApiSettings.from(section(""), RegistryApiSettings.PATH, plain).resolvedBlobCacheDirectory())
                .isEqualTo(Path.of("/home/someone/.cache/hoist"));
        // A configured directory still wins.
        assertThat(RegistryApiSettings.from(section("hoist.registry-api.blob-cache-directory = \"/tmp/c\""),
                RegistryApiSettings.PATH, xdg).resolvedBlobCacheDirectory()).isEqualTo(Path.of("/tmp/c"));
    }

    @Test
    void messagesNameTheSectionWhereItWasRead() {
        String path = "mystack.components.registry-api";
        RegistryApiSettings settings = RegistryApiSettings.from(section(""), path);
        assertThat(settings.path()).isEqualTo(path);
        assertThat(settings.pathOf("connect-timeout")).isEqualTo("mystack.components.registry-api.connect-timeout");
        assertThatThrownBy(() -> RegistryApiSettings.from(section("hoist.registry-api.retry-cap = 1ms"), path))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("mystack.components.registry-api.retry-cap")
                .hasMessageNotContaining("hoist.registry-api");
    }
}
