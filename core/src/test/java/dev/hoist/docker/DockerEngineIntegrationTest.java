package dev.hoist.docker;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.EngineException;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.RegistryConnectionException;
import com.typesafe.config.ConfigFactory;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestFlavor;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real pushes through the real daemon to the real registry that scripts/services.sh starts. */
class DockerEngineIntegrationTest {

    private static DockerEngine engine;

    @BeforeAll
    static void engine() {
        engine = new DockerEngine(TestServices.dockerSettings());
    }

    // Per test, not per class: a class-level skip would be reported as zero tests rather than as skips.
    @BeforeEach
    void services() {
        TestServices.require();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static ContainerRegistry registry(String uri) {
        return TestFlavor.registry(new TestFlavor(), "it", uri, engine);
    }

    @Test
    void pushesARealImageAndReturnsTheDigestTheRegistryServes() throws Exception {
        String tag = TestImages.uniqueTag();
        String repository = TestServices.registry() + "/hoist-it/core";
        String image = TestImages.load(engine, repository, tag, 64 * 1024);
        try {
            String digest = registry(TestServices.registry()).pushImage(image);
            assertThat(digest).matches("sha256:[0-9a-f]{64}");
            assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/core", tag)).isEqualTo(digest);
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void theRealEnginesMissingImageIsStillAMissingImage() {
        // dockerd answers a 404 with {"message":"No such image: ..."}: a missing image, not a foreign endpoint.
        String image = TestServices.registry() + "/hoist-it/absent:" + TestImages.uniqueTag();
        assertThatThrownBy(() -> engine.saveImage(image))
                .isInstanceOf(ImageSourceException.class)
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.NOT_FOUND))
                .hasMessageStartingWith("Image '" + image + "' does not exist in the local Docker engine.");
        assertThatThrownBy(() -> engine.push(TestServices.registry() + "/hoist-it/absent", "missing-" + TestImages.uniqueTag(),
                java.util.Optional.empty()))
                .isInstanceOf(ImageSourceException.class)
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.NOT_FOUND));
        assertThat(engine.info().reachable()).isTrue();
    }

    @Test
    void anImageMissingLocallyIsATypedError() {
        String image = TestServices.registry() + "/hoist-it/absent:" + TestImages.uniqueTag();
        assertThatThrownBy(() -> registry(TestServices.registry()).pushImage(image))
                .isInstanceOf(ImageSourceException.class)
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.NOT_FOUND))
                .hasMessageContaining(image);
    }

    @Test
    void aRegistryThatIsDownIsATypedError() {
        // Nothing listens on port 1 of loopback; the daemon's dial is refused at once.
        String image = TestImages.load(engine, "127.0.0.1:1/hoist-it/down", TestImages.uniqueTag(), 1024);
        try {
            assertThatThrownBy(() -> registry("127.0.0.1:1").pushImage(image))
                    .isInstanceOf(RegistryConnectionException.class)
                    .satisfies(kindAndReason(ErrorKind.CONNECTION, RegistryConnectionException.Reason.VIA_ENGINE))
                    .hasMessageContaining("connection refused");
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void aDaemonThatIsDownIsATypedError() {
        try (DockerEngine down = new DockerEngine(TestServices.dockerSettings("unix:///nonexistent/hoist-it.sock"))) {
            ContainerRegistry registry = TestFlavor.registry(new TestFlavor(), "it", "localhost:5000", down);
            assertThatThrownBy(() -> registry.pushImage("localhost:5000/app:1"))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.UNREACHABLE))
                    .hasMessageContaining("unix:///nonexistent/hoist-it.sock");
        }
    }
}
