package dev.hoist.registry;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.InvalidImageNameException;
import com.google.inject.Guice;
import com.google.inject.Stage;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.push.TransportName;
import dev.hoist.config.HoistConfigException;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.testing.LocalAndApiRegistries;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestFlavor;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which transport a push takes, through the real engine and the real registry, and what it returns. */
class TransportSelectionIntegrationTest {

    private static final ClassLoader LOADER = TransportSelectionIntegrationTest.class.getClassLoader();

    @TempDir
    Path cache;

    private LocalAndApiRegistries registries;

    @BeforeEach
    void start() {
        registries = new LocalAndApiRegistries(cache);
    }

    @AfterEach
    void stop() {
        if (registries != null) {
            registries.close();
        }
    }

    private ContainerRegistry registry(String name) {
        return registries.registry(name);
    }

    @Test
    void theEngineTransportPushesTheEnginesImageAndDescribesWhatTheRegistryHolds() throws Exception {
        DockerEngine engine = registries.engine();
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(engine, TestServices.registry() + "/hoist-it/selection", tag, 64 * 1024);
        try {
            PushResult result = registry("local").push(ImageSource.dockerDaemon(image), image);
            assertThat(result.transport()).isEqualTo(TransportName.ENGINE.configName());
            assertThat(result.layers()).isEmpty();
            assertThat(result.digest()).isEqualTo(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/selection", tag));
            assertThat(result.mediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
            assertThat(result.size()).isPositive();
            assertThat(registry("local").pushImage(image)).isEqualTo(result.digest());
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void aRegistryOnTheRegistryApiTransportPushesTheSameEngineImageItself() throws Exception {
        DockerEngine engine = registries.engine();
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(engine, TestServices.registry() + "/hoist-api/selection", tag, 64 * 1024);
        try {
            String digest = registry("api").pushImage(image);
            assertThat(digest).isEqualTo(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-api/selection", tag));
            PushResult again = registry("api").push(ImageSource.dockerDaemon(image), image);
            assertThat(again.transport()).isEqualTo(TransportName.REGISTRY_API.configName());
            assertThat(again.digest()).isEqualTo(digest);
            assertThat(again.layers()).isNotEmpty().allSatisfy(layer -> assertThat(layer.result()).isEqualTo(PushResult.Outcome.EXISTS));
            assertThat(again.bytesUploaded()).isZero();
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void anEngineImageNamedWithoutATagIsTheSameImageAsItsLatestTag() throws Exception {
        DockerEngine engine = registries.engine();
        String repository = TestServices.registry() + "/hoist-it/latest-" + TestImages.uniqueTag();
        String image = TestImages.load(engine, repository, "latest", 32 * 1024);
        try {
            PushResult result = registry("local").push(ImageSource.dockerDaemon(repository), image);
            assertThat(result.transport()).isEqualTo(TransportName.ENGINE.configName());
            assertThat(result.digest()).isEqualTo(RegistryHttp.manifestDigest(TestServices.registry(),
                    repository.substring(TestServices.registry().length() + 1), "latest"));
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void anEngineImageUnderAnotherNameGoesThroughTheRegistryApiAndOwnershipStillApplies() throws Exception {
        DockerEngine engine = registries.engine();
        String tag = TestImages.uniqueTag();
        String local = TestImages.load(engine, TestServices.registry() + "/hoist-it/source", tag, 32 * 1024);
        try {
            String target = TestServices.registry() + "/hoist-it/renamed:" + tag;
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            java.io.PrintStream stderr = System.err;
            PushResult result;
            System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                result = registry("local").push(ImageSource.dockerDaemon(local), target);
            } finally {
                System.setErr(stderr);
            }
            assertThat(result.transport()).isEqualTo(TransportName.REGISTRY_API.configName());
            // The registry is set to the engine; the INFO line says why this push is not.
            assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("through registry-api (not the"
                    + " engine: it pushes an image only under its own name, and docker-daemon:" + local + " names another)");
            assertThat(result.digest()).isEqualTo(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/renamed", tag));
            assertThatThrownBy(() -> registry("local").push(ImageSource.dockerDaemon(local), "elsewhere.example.com/app:1"))
                    .isInstanceOf(InvalidImageNameException.class)
                    .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.FOREIGN));
        } finally {
            engine.removeImage(local);
        }
    }

    @Test
    void anUnknownTransportIsAConfigProblemNamingTheSetting() {
        Config config = ConfigFactory.parseString("hoist.transport = carrier-pigeon\n"
                + "hoist.registries.bad { flavor = test, uri = \"localhost:5000\", transport = teleport }");
        assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION, TestFlavor.module(config, LOADER, new TestFlavor())))
                .satisfies(failed -> assertThat(dev.hoist.inject.StartupFailure.unwrap((RuntimeException) failed))
                        .isInstanceOf(HoistConfigException.class)
                        .hasMessageContaining("hoist.transport (String: 1): Expected \"engine\" or \"registry-api\"; found \"carrier-pigeon\".")
                        .hasMessageContaining("hoist.registries.bad.transport"));
    }
}
