package dev.hoist.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PushImageCmd;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.hoist.auth.Environment;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestPodman;
import dev.hoist.testing.TestServices;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Podman's Docker-compatible API as Hoist's engine, for real: {@code scripts/services.sh} starts it. The digest a push
 * returns must be the one the registry stores, read back independently over the registry's HTTP API.
 */
class PodmanEngineIntegrationTest {

    private static final String ACCEPT = RegistryDigestLookup.ACCEPT;

    @Test
    void aPushThroughPodmanReturnsTheDigestTheRegistryStores() throws Exception {
        TestPodman.require();
        String repository = TestServices.registry() + "/hoist-it/podman";
        String tag = TestImages.uniqueTag();
        try (DockerEngine podman = new DockerEngine(TestPodman.settings(), Environment.ofProcess())) {
            TestImages.load(podman, repository, tag, 64 * 1024);
            String digest = podman.push(repository, tag, Optional.empty());
            assertThat(digest).isEqualTo(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/podman", tag));
            assertThat(digest).isEqualTo(sha256OfManifest("hoist-it/podman", tag));
            podman.removeImage(repository + ":" + tag);
        }
    }

    @Test
    void podmanAndDockerSayWhatTheyAre() {
        TestPodman.require();
        try (DockerEngine podman = new DockerEngine(TestPodman.settings(), Environment.ofProcess());
             DockerEngine docker = new DockerEngine(TestServices.dockerSettings(), Environment.ofProcess())) {
            EngineInfo podmanInfo = podman.info();
            assertThat(podmanInfo.reachable()).isTrue();
            assertThat(podmanInfo.engine()).contains("podman");
            assertThat(podmanInfo.endpoint()).contains(TestPodman.host().orElseThrow());
            assertThat(podmanInfo.source()).contains("config");
            assertThat(podmanInfo.version()).hasValueSatisfying(v -> assertThat(v).matches("\\d+\\.\\d+.*"));
            assertThat(podmanInfo.apiVersion()).hasValueSatisfying(v -> assertThat(v).matches("1\\.\\d+"));
            EngineInfo dockerInfo = docker.info();
            assertThat(dockerInfo.reachable()).isTrue();
            assertThat(dockerInfo.engine()).contains("docker");
            assertThat(dockerInfo.problem()).isEmpty();
        }
    }

    @Test
    void anImageSavedFromPodmanIsADockerArchive() throws Exception {
        TestPodman.require();
        String repository = TestServices.registry() + "/hoist-it/podman-save";
        String tag = TestImages.uniqueTag();
        try (DockerEngine podman = new DockerEngine(TestPodman.settings(), Environment.ofProcess())) {
            TestImages.load(podman, repository, tag, 1024);
            byte[] archive;
            try (InputStream saved = podman.saveImage(repository + ":" + tag).stream()) {
                archive = saved.readAllBytes();
            }
            assertThat(tarEntryNames(archive)).contains("manifest.json");
            podman.removeImage(repository + ":" + tag);
        }
    }

    @Test
    void whenTheEngineReportsAnotherDigestTheRegistrysIsReturned() throws Exception {
        TestPodman.require();
        String repository = TestServices.registry() + "/hoist-it/podman-confirm";
        String tag = TestImages.uniqueTag();
        String pushed;
        try (DockerEngine podman = new DockerEngine(TestPodman.settings(), Environment.ofProcess())) {
            TestImages.load(podman, repository, tag, 1024);
            pushed = podman.push(repository, tag, Optional.empty());
            podman.removeImage(repository + ":" + tag);
        }
        // An engine that reports a different digest for the same tag, as Podman's compat API can.
        String engines = "sha256:" + "ab".repeat(32);
        try (DockerEngine lying = engineReporting(engines, lookup())) {
            assertThat(lying.push(repository, tag, Optional.empty())).isEqualTo(pushed).isNotEqualTo(engines);
        }
    }

    @Test
    void whenTheRegistryCannotBeAskedTheEnginesDigestIsReturned() {
        String engines = "sha256:" + "cd".repeat(32);
        // Port 1 on loopback: nothing listens, so the lookup cannot ask.
        try (DockerEngine engine = engineReporting(engines, lookup())) {
            assertThat(engine.push("127.0.0.1:1/app", "1", Optional.empty())).isEqualTo(engines);
            assertThat(engine.push("127.0.0.1:1/app", "2", Optional.empty())).isEqualTo(engines);
        }
    }

    @Test
    void theSocketPingTellsAnEngineFromAFile() {
        TestPodman.require();
        Path socket = Path.of(URI.create(TestPodman.host().orElseThrow()).getPath());
        assertThat(new SocketPing(java.time.Duration.ofSeconds(5)).test(socket)).isTrue();
        assertThat(new SocketPing(java.time.Duration.ofSeconds(5)).test(Path.of("/nonexistent/hoist.sock"))).isFalse();
    }

    /** The digest lookup a standalone engine uses, over the registry HTTP layer. */
    private static RegistryDigestLookup lookup() {
        return new HttpDigestLookup(new dev.hoist.distribution.HttpSettings(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(15), Optional.empty(), 2, 1, java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(100), "hoist.docker"));
    }

    /** An engine whose push stream (mocked: a seam, not a push) ends with {@code digest}; the lookup is real. */
    @SuppressWarnings("unchecked")
    private static DockerEngine engineReporting(String digest, RegistryDigestLookup lookup) {
        DockerClient client = mock(DockerClient.class);
        PushImageCmd command = mock(PushImageCmd.class, RETURNS_SELF);
        when(client.pushImageCmd(anyString())).thenReturn(command);
        when(command.exec(any())).thenAnswer(call -> {
            ResultCallback<PushResponseItem> callback = call.getArgument(0);
            PushResponseItem item = mock(PushResponseItem.class);
            when(item.getStatus()).thenReturn("1: digest: " + digest + " size: 527");
            callback.onNext(item);
            callback.onComplete();
            return callback;
        });
        return new DockerEngine(TestServices.dockerSettings("unix:///mock.sock"),
                () -> EngineEndpoint.plain("unix:///mock.sock", EngineEndpoint.CONFIG, "hoist.docker.host"), (s, e) -> client, lookup);
    }

    /** The names in a tar archive: each entry is a 512-byte header (name at 0, octal size at 124) and its padded data. */
    private static java.util.List<String> tarEntryNames(byte[] tar) {
        java.util.List<String> names = new java.util.ArrayList<>();
        int at = 0;
        while (at + 512 <= tar.length && tar[at] != 0) {
            String name = new String(tar, at, 100, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(tar, at + 124, 12, java.nio.charset.StandardCharsets.US_ASCII)
                    .replace("\0", "").strip(), 8);
            names.add(name);
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        return names;
    }

    private static String sha256OfManifest(String repository, String tag) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + TestServices.registry() + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", ACCEPT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body()));
    }
}
