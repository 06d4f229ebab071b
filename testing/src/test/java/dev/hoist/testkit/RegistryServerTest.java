package dev.hoist.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.push.PushResult;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 24 item 17: the kit gives a flavor's tests a real registry to push to, as the guide shows. */
class RegistryServerTest {

    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();

    @Test
    void aFlavorsTestPushesASmallImageToARealRegistryThroughHoist(@TempDir Path temp) throws Exception {
        assertThat(REGISTRY.address()).matches("[^:/]+:\\d+");
        assertThat(REGISTRY.hasManifest("team/app", "1")).isFalse();
        // The acme flavor of this module's tests takes only registry.acme.example: a flavor of the shared URI rules,
        // found through a loader of its own (this module's class path must hold acme alone), takes the registry.
        Path services = Files.createDirectories(temp.resolve("loader/META-INF/services"));
        Files.writeString(services.resolve("dev.hoist.spi.ContainerRegistryFlavor"), LoopbackFlavor.class.getName() + "\n");
        Files.writeString(temp.resolve("loader/reference.conf"), "hoist.flavors.loopback.registry-defaults {}\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.resolve("loader").toUri().toURL()},
                getClass().getClassLoader());
             Hoist hoist = Hoist.builder().classLoader(loader).config(ConfigFactory.parseString(
                     "hoist.registries.it { flavor = loopback, uri = \"" + REGISTRY.uri("team") + "\" }")
                     .withFallback(ConfigFactory.parseString(TestHoist.WITHOUT_LOCAL))).build()) {
            PushResult pushed = hoist.registry("it").push(REGISTRY.smallImage(temp.resolve("image")),
                    REGISTRY.uri("team") + "/app:1");
            assertThat(pushed.digest()).startsWith("sha256:");
            assertThat(REGISTRY.hasManifest("team/app", pushed.digest())).isTrue();
        }
        assertThat(REGISTRY.hasManifest("team/app", "1")).isTrue();
    }
}
