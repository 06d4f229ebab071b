package dev.hoist.flavor.defaults;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.InvalidImageNameException;
import com.google.inject.Key;
import com.google.inject.name.Names;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded default, end to end: config, discovery, Guice, the default flavor, a real push. */
class DefaultFlavorPushIntegrationTest {

    // Per test, not per class: a class-level skip would be reported as zero tests rather than as skips.
    @BeforeEach
    void services() {
        TestServices.require();
    }

    private static Hoist hoist() {
        Config config = ConfigFactory.parseString("hoist.registries.local.uri = \"" + TestServices.registry() + "\"\n"
                        + "hoist.docker.host = \"" + TestServices.dockerHost() + "\"")
                .withFallback(ConfigFactory.load(DefaultFlavorPushIntegrationTest.class.getClassLoader()));
        return Hoist.builder().config(config).classLoader(DefaultFlavorPushIntegrationTest.class.getClassLoader()).build();
    }

    @Test
    void pushesThroughTheDefaultRegistryInjectedByName() throws Exception {
        try (Hoist hoist = hoist()) {
            ContainerRegistry local = hoist.injector().getInstance(Key.get(ContainerRegistry.class, Names.named("local")));
            // Core builds every registry; the flavor shows in its name, not in its class.
            assertThat(local.flavor()).isEqualTo(DefaultFlavor.NAME);
            assertThat(local).isSameAs(hoist.defaultRegistry());
            String tag = TestImages.uniqueTag();
            String image = TestImages.load(hoist.docker(), local.uri() + "/hoist-it/default", tag, 256 * 1024);
            try {
                String digest = local.pushImage(image);
                assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/default", tag)).isEqualTo(digest);
                assertThat(RegistryHttp.catalog(TestServices.registry())).contains("\"hoist-it/default\"");
            } finally {
                hoist.docker().removeImage(image);
            }
        }
    }

    @Test
    void refusesAForeignImageBeforeTouchingTheEngine() {
        try (Hoist hoist = hoist()) {
            String foreign = TestServices.registry() + "1/hoist-it/app:1";
            assertThatThrownBy(() -> hoist.defaultRegistry().pushImage(foreign))
                    .isInstanceOf(InvalidImageNameException.class)
                    .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.FOREIGN))
                    .hasMessageContaining("'" + foreign + "' does not belong to container registry 'local'");
        }
    }
}
