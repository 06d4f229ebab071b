package dev.hoist.transport.registry;

import dev.hoist.distribution.Blobs;
import dev.hoist.distribution.RegistryHost;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.distribution.RetryPolicy;
import static dev.hoist.push.ErrorAssertions.kind;
import static dev.hoist.push.ErrorAssertions.kindAndReason;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryException;
import dev.hoist.distribution.TokenCache;
import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoist.push.ImageSource;
import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and refusals: each a typed, one-line error, and no tag written. Sources are checked against the real
 * plain registry; refusals that distribution never makes (a media type refused, a digest rewritten, a redirect to
 * another host) come from a small fake registry on loopback, a seam for those answers only.
 */
class RegistryApiErrorsIntegrationTest extends RegistryApiTestBase {

    @TempDir
    Path dir;

    @BeforeEach
    @Override
    void services() {
        RegistryApiServices.requireBasics();
    }

    private ImageSourceException pushFails(ImageSource source, String repository, String tag) throws Exception {
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> transport.push(source,
                    Registry.PLAIN.target(repository, tag), Optional.empty()));
            assertThat(thrown).isInstanceOf(ImageSourceException.class).satisfies(kind(ErrorKind.SOURCE));
            assertThat(thrown.getMessage()).doesNotContain("\n");
            assertNoTag(repository, tag);
            return (ImageSourceException) thrown;
        }
    }

    private static void assertNoTag(String repository, String tag) throws Exception {
        HttpResponse<Void> answer = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + TestServices.registry() + "/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).as("the tag must not exist").isEqualTo(404);
    }

    @Test
    void aFileThatIsNotATarIsATypedError() throws Exception {
        Path file = dir.resolve("junk.tar");
        byte[] junk = new byte[10_000];
        TestArchives.random().nextBytes(junk);
        Files.write(file, junk);
        assertThat(pushFails(ImageSource.dockerArchive(file), "hoist-it/err", TestImages.uniqueTag()))
                .hasMessageContaining("not");
        assertThat(pushFails(ImageSource.dockerArchive(dir.resolve("absent.tar")), "hoist-it/err", "x"))
                .hasMessage("The archive " + dir.resolve("absent.tar") + " does not exist.");
        // A ':' in the path ends it (skopeo's docker-archive:PATH[:NAME]); the message says how it was read.
        Files.write(dir.resolve("a:b.tar"), junk);
        assertThat(pushFails(ImageSource.parse("docker-archive:" + dir.resolve("a:b.tar")), "hoist-it/err", "x"))
                .hasMessage("The archive " + dir.resolve("a") + " does not exist (docker-archive:" + dir.resolve("a:b.tar")
                        + " is read as the path " + dir.resolve("a") + " and the image name b.tar: the first ':' after the"
                        + " path ends it).");
    }

    @Test
    void aTruncatedArchiveIsATypedError() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(400_000);
        byte[] whole = Files.readAllBytes(TestArchives.legacyArchive(image, "app:1", dir.resolve("a.tar"), false));
        Path cut = dir.resolve("cut.tar");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThat(pushFails(ImageSource.dockerArchive(cut), "hoist-it/err", TestImages.uniqueTag()))
                .hasMessageContaining("truncated");
        byte[] gz = Files.readAllBytes(TestArchives.legacyArchive(image, "app:1", dir.resolve("a.tar.gz"), true));
        Path cutGz = dir.resolve("cut.tar.gz");
        Files.write(cutGz, Arrays.copyOf(gz, gz.length / 2));
        assertThat(pushFails(ImageSource.dockerArchive(cutGz), "hoist-it/err", TestImages.uniqueTag()))
                .hasMessageContaining("truncated");
    }

    @Test
    void anArchiveMissingALayerItsManifestNamesIsATypedError() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(50_000);
        String configName = image.id().substring(7) + ".json";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(configName, image.config());
        entries.put("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"app:1\"],"
                + "\"Layers\":[\"gone/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        for (boolean gzip : List.of(false, true)) {
            Path archive = TestArchives.archive(entries, dir.resolve("missing" + gzip + ".tar"), gzip);
            assertThat(pushFails(ImageSource.dockerArchive(archive), "hoist-it/err", TestImages.uniqueTag()))
                    .hasMessageContaining("missing").hasMessageContaining("gone/layer.tar");
        }
    }

    @Test
    void layerBytesThatDoNotMatchTheirDiffIdAreATypedErrorAndNoTagIsWritten() throws Exception {
        TestArchives.Image real = TestArchives.randomImage(70_000, 2_000_000);
        // The config claims other diffIDs for the same layers.
        TestArchives.Image liar = new TestArchives.Image(TestArchives.randomImage(10, 10).config(), real.layers());
        for (boolean gzip : List.of(false, true)) {
            Path archive = TestArchives.legacyArchive(liar, "app:1", dir.resolve("liar" + gzip + ".tar"), gzip);
            assertThat(pushFails(ImageSource.dockerArchive(archive), "hoist-it/err", TestImages.uniqueTag()))
                    .isInstanceOf(ImageSourceException.class)
                    .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.DIGEST_MISMATCH))
                    .hasMessageContaining("damaged");
        }
    }

    @Test
    void anOciLayoutWithoutIndexOrWithoutTheReferenceIsATypedError() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThat(pushFails(ImageSource.ociLayout(dir.resolve("empty"), Optional.empty()), "hoist-it/err", "x"))
                .hasMessageContaining("no index.json");
        // A ':' in the directory ends the path (skopeo's oci:DIR[:REF]); the message says how it was read.
        Files.createDirectories(dir.resolve("co:lon"));
        assertThat(pushFails(ImageSource.parse("oci:" + dir.resolve("co:lon")), "hoist-it/err", "x"))
                .hasMessage("The OCI layout " + dir.resolve("co") + " is not a directory (oci:" + dir.resolve("co:lon")
                        + " is read as the path " + dir.resolve("co") + " and the reference lon: the first ':' after the"
                        + " path ends it).");
        Path layout = dir.resolve("layout");
        TestArchives.multiPlatformLayout(List.of(TestArchives.randomImage(1000)), List.of("linux/amd64"), "v1",
                layout);
        assertThat(pushFails(ImageSource.ociLayout(layout, Optional.of("v2")), "hoist-it/err", "x"))
                .hasMessageContaining("no image with reference 'v2'").hasMessageContaining("v1");
        // A blob the manifest names is gone.
        try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
            Path biggest = blobs.max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
            Files.delete(biggest);
        }
        assertThat(pushFails(ImageSource.ociLayout(layout, Optional.of("v1")), "hoist-it/err", "x"))
                .hasMessageContaining("missing blob");
    }

    /** The registry HTTP layer for one target, as the transport builds it. */
    private static RegistryHttp http(RegistryApiSettings settings, RegistryTarget target) {
        return new RegistryHttp(settings.http(), new RegistryHost(target.host(), target.caFile(), target.insecure()),
                Optional.empty(), target.image(), new TokenCache(Clock.systemUTC()), Clock.systemUTC(),
                RetryPolicy.of(settings.http()));
    }

    @Test
    void aLostUploadSessionIsATypedError() throws Exception {
        RegistryTarget target = Registry.PLAIN.target("hoist-it/session", "1");
        try (RegistryHttp client = http(settings(dir), target)) {
            Blobs blobs = new Blobs(client);
            URI session = blobs.startUpload("hoist-it/session");
            blobs.cancel("hoist-it/session", session);
            byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> blobs.commit("hoist-it/session", session, TestArchives.sha256(bytes),
                    bytes)).isInstanceOf(RegistryException.class)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UPLOAD_SESSION_NOT_FOUND))
                    .hasMessageContaining("lost the upload session").hasMessageContaining("BLOB_UPLOAD_UNKNOWN");
        }
    }

    @Test
    void anImageTheEngineDoesNotHaveIsATypedError() throws Exception {
        String name = "hoist-it/absent:" + TestImages.uniqueTag();
        try (dev.hoist.docker.DockerEngine engine = new dev.hoist.docker.DockerEngine(TestServices.dockerSettings());
             RegistryApiTransport transport = withDaemon(dir.resolve("cache"), engine)) {
            assertThatThrownBy(() -> transport.push(ImageSource.dockerDaemon(name),
                    Registry.PLAIN.target("hoist-it/err", "absent"), Optional.empty()))
                    .isInstanceOf(ImageSourceException.class)
                    .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.NOT_FOUND))
                    .hasMessageContaining(name);
        }
    }

    // ---------------------------------------------------------------- answers distribution never gives

    /** A fake registry: every blob exists, and the manifest PUT answers as {@code manifestAnswer} says. */
    private HttpServer fake(Consumer<HttpExchange> manifestAnswer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/v2/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            if (path.equals("/v2/")) {
                send(exchange, 200, "{}");
            } else if (path.contains("/blobs/uploads/")) {
                exchange.getResponseHeaders().set("Location", "http://elsewhere.invalid/upload?state=1");
                send(exchange, 202, "");
            } else if (path.contains("/blobs/")) {
                exchange.sendResponseHeaders(path.contains("ffff") ? 404 : 200, -1);
                exchange.close();
            } else if (path.contains("/manifests/")) {
                manifestAnswer.accept(exchange);
            } else {
                send(exchange, 404, "");
            }
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange exchange, int status, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The JDK's HttpServer never answers a TLS handshake; a short connect timeout moves on to plain HTTP. */
    private RegistryApiSettings fakeSettings() {
        return new RegistryApiSettings(2, 1, Optional.of(dir.resolve("cache")), 1024 * 1024,
                java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(10), Optional.empty(), 1,
                java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(10));
    }

    private RegistryApiTransport fakeTransport() {
        return new RegistryApiTransport(fakeSettings(), dev.hoist.transport.source.ImageSourceOpener.withoutEngine());
    }

    private Path layout() throws IOException {
        Path layout = dir.resolve("fake-layout");
        TestArchives.multiPlatformLayout(List.of(TestArchives.randomImage(1000)), List.of("linux/amd64"), "v1", layout);
        return layout;
    }

    @Test
    void aRefusedManifestMediaTypeSaysWhichAndWhatElseMayWork() throws Exception {
        HttpServer server = fake(exchange -> send(exchange, 400, "{\"errors\":[{\"code\":\"MANIFEST_INVALID\","
                + "\"message\":\"manifest invalid\",\"detail\":\"unsupported media type\"}]}"));
        try (RegistryApiTransport transport = fakeTransport()) {
            String host = "127.0.0.1:" + server.getAddress().getPort();
            assertThatThrownBy(() -> transport.push(ImageSource.ociLayout(layout(), Optional.of("v1")),
                    RegistryTarget.of(host, "team/app", "1"), Optional.empty()))
                    .isInstanceOf(RegistryException.class)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.MANIFEST_REJECTED))
                    .hasMessageContaining("application/vnd.oci.image.manifest.v1+json")
                    .hasMessageContaining("engine transport");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aDockerContentDigestThatDisagreesWithTheBytesSentIsATypedError() throws Exception {
        HttpServer server = fake(exchange -> {
            exchange.getResponseHeaders().set("Docker-Content-Digest", "sha256:" + "e".repeat(64));
            send(exchange, 201, "");
        });
        try (RegistryApiTransport transport = fakeTransport()) {
            String host = "127.0.0.1:" + server.getAddress().getPort();
            assertThatThrownBy(() -> transport.push(ImageSource.ociLayout(layout(), Optional.of("v1")),
                    RegistryTarget.of(host, "team/app", "1"), Optional.empty()))
                    .isInstanceOf(RegistryException.class)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.DIGEST_MISMATCH))
                    .hasMessageContaining("sha256:" + "e".repeat(64));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void credentialsAreNotSentToAPlainHttpRealmOffThisMachine() throws Exception {
        String canary = "CANARY-" + TestImages.uniqueTag();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/v2/", exchange -> {
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    "Bearer realm=\"http://auth.example.invalid/token\",service=\"fake\"");
            send(exchange, 401, "{}");
        });
        server.start();
        try (RegistryApiTransport transport = fakeTransport()) {
            String host = "127.0.0.1:" + server.getAddress().getPort();
            assertThatThrownBy(() -> transport.push(ImageSource.ociLayout(layout(), Optional.of("v1")),
                    RegistryTarget.of(host, "team/app", "1"), Optional.of(dev.hoist.spi.RegistryCredentials.basic(
                            "alice", dev.hoist.spi.Secret.of(canary), "test"))))
                    .isInstanceOf(RegistryAuthenticationException.class)
                    .satisfies(kindAndReason(ErrorKind.AUTHENTICATION, RegistryAuthenticationException.Reason.INSECURE_REALM))
                    .hasMessageContaining("http://auth.example.invalid/token").hasMessageContaining("plain HTTP")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(canary));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUploadLocationOnAnotherHostIsRefused() throws Exception {
        HttpServer server = fake(exchange -> send(exchange, 201, ""));
        RegistryTarget target = RegistryTarget.of("127.0.0.1:" + server.getAddress().getPort(), "team/app", "1");
        try (RegistryHttp client = http(fakeSettings(), target)) {
            assertThatThrownBy(() -> new Blobs(client).startUpload("team/app")).isInstanceOf(RegistryException.class)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNEXPECTED_ANSWER))
                    .hasMessageContaining("another host");
        } finally {
            server.stop(0);
        }
    }
}
