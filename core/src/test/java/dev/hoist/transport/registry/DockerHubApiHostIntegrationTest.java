package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.distribution.Network;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.testing.LoopbackNames;
import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import dev.hoist.transport.source.ImageSourceOpener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry-API push to Docker Hub ({@code docker.io}, as a dockerhub-flavor registry's URI names it) goes to its API
 * host {@code registry-1.docker.io}, as docker, crane and skopeo do: Docker Hub's names are resolved to loopback and
 * its port 443 to the TLS test registry (marked insecure: its certificate names 127.0.0.1 only), which then holds the
 * image; skopeo reads it back there. {@code docker.io} itself is never looked up.
 */
class DockerHubApiHostIntegrationTest extends RegistryApiTestBase {

    @TempDir
    Path dir;

    private final Set<String> resolved = ConcurrentHashMap.newKeySet();

    @Override
    @BeforeEach
    void services() {
        RegistryApiServices.requireBasics();
        TestServices.requireAuthRegistries();
    }

    private Network dockerHubOnLoopback() {
        String tls = TestServices.tlsRegistry();
        int port = Integer.parseInt(tls.substring(tls.lastIndexOf(':') + 1));
        return LoopbackNames.network(host -> host.endsWith("docker.io"), () -> port, resolved);
    }

    @Test
    void aPushToDockerHubReachesRegistry1DockerIo() throws Exception {
        String repository = "hoist-it/hub-" + TestImages.uniqueTag();
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(4096, 2048), "app:1", dir.resolve("app.tar"),
                false);
        RegistryTarget dockerHub = new RegistryTarget("docker.io", repository, "1", Optional.empty(), true);
        PushResult result;
        try (RegistryApiTransport transport = new RegistryApiTransport(settings(dir.resolve("cache")),
                new ImageSourceOpener(() -> new DockerEngine(TestServices.dockerSettings("unix:///nonexistent/x.sock"))),
                Clock.systemUTC(), dockerHubOnLoopback())) {
            result = transport.push(ImageSource.dockerArchive(archive), dockerHub, Registry.TLS.credentials());
        }

        assertThat(result.image()).isEqualTo("docker.io/" + repository + ":1");
        byte[] held = RegistryApiServices.skopeoRaw(TestServices.tlsRegistry() + "/" + repository + ":1", true);
        assertThat(TestArchives.sha256(held)).isEqualTo(result.digest());
        assertThat(resolved).contains("registry-1.docker.io").doesNotContain("docker.io");
    }
}
