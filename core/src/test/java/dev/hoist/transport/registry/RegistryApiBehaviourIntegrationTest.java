package dev.hoist.transport.registry;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.push.PushResult.LayerResult;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.Secret;
import dev.hoist.docker.DockerEngine;
import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import dev.hoist.testing.TokenServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skips, mounts, the streamed archive paths, token auth in depth and the multi-platform index, on real registries. */
class RegistryApiBehaviourIntegrationTest extends RegistryApiTestBase {

    private static DockerEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        engine = new DockerEngine(TestServices.dockerSettings());
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static RegistryTarget plain(String repository, String tag) {
        return Registry.PLAIN.target(repository, tag);
    }

    @Test
    void aRePushOfAnUnchangedImageSkipsEveryBlobAndSendsNothing() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(100_000, 2_000_000, 50_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("app.tar"), false);
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            PushResult first = transport.push(ImageSource.dockerArchive(archive), plain("hoist-it/repush", "1"),
                    Optional.empty());
            PushResult second = transport.push(ImageSource.dockerArchive(archive), plain("hoist-it/repush", "1"),
                    Optional.empty());
            assertThat(first.layers()).extracting(LayerResult::result).containsOnly(Outcome.UPLOADED);
            assertThat(second.layers()).extracting(LayerResult::result).containsOnly(Outcome.EXISTS);
            assertThat(second.bytesUploaded()).isZero();
            assertThat(second.digest()).isEqualTo(first.digest());
            assertThat(second.layers()).isEqualTo(first.layers().stream()
                    .map(l -> new LayerResult(l.digest(), l.size(), Outcome.EXISTS)).toList());
        }
        // A new process (a new transport) reads the cache from disk and skips too.
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            PushResult third = transport.push(ImageSource.dockerArchive(archive), plain("hoist-it/repush", "2"),
                    Optional.empty());
            assertThat(third.layers()).extracting(LayerResult::result).containsOnly(Outcome.EXISTS);
            assertThat(third.bytesUploaded()).isZero();
        }
    }

    @Test
    void aSecondRepositoryOfTheSameRegistryGetsTheLayersMounted() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(300_000, 40_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("app.tar"), false);
        String tag = TestImages.uniqueTag();
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            transport.push(ImageSource.dockerArchive(archive), plain("hoist-it/mount-a", tag), Optional.empty());
            PushResult second = transport.push(ImageSource.dockerArchive(archive),
                    plain("hoist-it/mount-b-" + tag, tag), Optional.empty());
            assertThat(second.layers()).extracting(LayerResult::result).containsOnly(Outcome.MOUNTED);
            assertThat(second.bytesUploaded()).isZero();
            assertSkopeoAgrees(second, Registry.PLAIN);
        }
    }

    @Test
    void mountsWorkOnTheTokenRegistryWithTheChallengedScopes() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(120_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("app.tar"), false);
        String tag = TestImages.uniqueTag();
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            transport.push(ImageSource.dockerArchive(archive), Registry.TOKEN.target("hoist-it/tmount-a", tag),
                    Registry.TOKEN.credentials());
            PushResult second = transport.push(ImageSource.dockerArchive(archive),
                    Registry.TOKEN.target("hoist-it/tmount-b-" + tag, tag), Registry.TOKEN.credentials());
            assertThat(second.layers()).extracting(LayerResult::result).containsOnly(Outcome.MOUNTED);
        }
        assertThat(TokenServer.get().requests()).anySatisfy(r -> assertThat(r.scopes())
                .contains("repository:hoist-it/tmount-b-" + tag + ":pull,push", "repository:hoist-it/tmount-a:pull"));
    }

    @Test
    void aGzipArchiveStreamsAndThenSkips() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(2_500_000, 30_000);
        Path archive = TestArchives.legacyArchive(image, "app:gz", dir.resolve("app.tar.gz"), true);
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            PushResult first = transport.push(ImageSource.dockerArchive(archive), plain("hoist-it/gz", "1"),
                    Optional.empty());
            assertSkopeoAgrees(first, Registry.PLAIN);
            assertThat(pulledImageId(first, Registry.PLAIN, dir.resolve("docker"))).isEqualTo(image.id());
            PushResult second = transport.push(ImageSource.dockerArchive(archive), plain("hoist-it/gz", "1"),
                    Optional.empty());
            assertThat(second.layers()).extracting(LayerResult::result).containsOnly(Outcome.EXISTS);
        }
    }

    @Test
    void theOciLayoutDocker25WritesInsideItsArchivesPushesTheSameImage() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(1_500_000, 20_000);
        Path archive = TestArchives.ociFormatArchive(image, "app:oci", dir.resolve("app.tar"));
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            PushResult result = transport.push(ImageSource.dockerArchive(archive, Optional.of("app:oci")),
                    plain("hoist-it/docker25", TestImages.uniqueTag()), Optional.empty());
            assertThat(result.mediaType()).isEqualTo(RegistryApiTransport.DOCKER_MANIFEST);
            assertSkopeoAgrees(result, Registry.PLAIN);
            assertThat(pulledImageId(result, Registry.PLAIN, dir.resolve("docker"))).isEqualTo(image.id());
        }
        // The same archive gzip-compressed goes the streamed way, where layer names are diffIDs.
        Path gz = dir.resolve("app.tar.gz");
        Files.write(gz, TestArchives.gzip(Files.readAllBytes(archive)));
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache2"))) {
            PushResult result = transport.push(ImageSource.dockerArchive(gz), plain("hoist-it/docker25", "gz"),
                    Optional.empty());
            assertThat(pulledImageId(result, Registry.PLAIN, dir.resolve("docker"))).isEqualTo(image.id());
        }
    }

    @Test
    void theDaemonSourceSkipsUnchangedLayersAndSendsOnlyTheNewOne() throws Exception {
        TestArchives.Image base = TestArchives.randomImage(1_200_000, 60_000);
        String tag = TestImages.uniqueTag();
        String first = "hoist-it/daemon-layers:" + tag + "-a";
        Path archive = TestArchives.legacyArchive(base, first, dir.resolve("a.tar"), false);
        engine.loadImage(new ByteArrayInputStream(Files.readAllBytes(archive)));
        // A second image sharing the first layer, with a new top layer.
        TestArchives.Image next = TestArchives.withLayers(List.of(base.layers().get(0),
                TestArchives.randomImage(1_100_000).layers().get(0)));
        String second = "hoist-it/daemon-layers:" + tag + "-b";
        engine.loadImage(new ByteArrayInputStream(Files.readAllBytes(
                TestArchives.legacyArchive(next, second, dir.resolve("b.tar"), false))));
        try (RegistryApiTransport transport = withDaemon(dir.resolve("cache"), engine)) {
            PushResult a = transport.push(ImageSource.dockerDaemon(first), plain("hoist-it/daemon-layers", tag + "-a"),
                    Optional.empty());
            assertThat(a.layers()).extracting(LayerResult::result).containsOnly(Outcome.UPLOADED);
            PushResult again = transport.push(ImageSource.dockerDaemon(first),
                    plain("hoist-it/daemon-layers", tag + "-a"), Optional.empty());
            assertThat(again.layers()).extracting(LayerResult::result).containsOnly(Outcome.EXISTS);
            assertThat(again.bytesUploaded()).isZero();
            PushResult b = transport.push(ImageSource.dockerDaemon(second), plain("hoist-it/daemon-layers", tag + "-b"),
                    Optional.empty());
            assertThat(b.layers()).extracting(LayerResult::result).containsExactly(Outcome.EXISTS, Outcome.UPLOADED);
            assertThat(pulledImageIdKeepingLocal(b)).isEqualTo(next.id());
        } finally {
            engine.removeImage(first);
            engine.removeImage(second);
        }
    }

    private String pulledImageIdKeepingLocal(PushResult result) throws Exception {
        return pulledImageId(result, Registry.PLAIN, dir.resolve("docker"));
    }

    @Test
    void theTokenFlowAsksForPushAndPullScopeWithBasicCredentialsOnce() throws Exception {
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(80_000), "app:1", dir.resolve("a.tar"), false);
        String repository = "hoist-it/token-" + TestImages.uniqueTag();
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            transport.push(ImageSource.dockerArchive(archive), Registry.TOKEN.target(repository, "1"),
                    Registry.TOKEN.credentials());
        }
        List<TokenServer.Request> requests = TokenServer.get().requests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).scopes()).containsExactly("repository:" + repository + ":pull,push");
        assertThat(requests.get(0).basic()).isTrue();
        assertThat(requests.get(0).account()).isEqualTo(TestServices.registryUser());
    }

    @Test
    void aTokenIsReusedUntilItsExpiresInRunsOutThenFetchedAgain() throws Exception {
        TokenServer.get().expiresIn(2);
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(80_000), "app:1", dir.resolve("a.tar"), false);
        String repository = "hoist-it/expiry-" + TestImages.uniqueTag();
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            transport.push(ImageSource.dockerArchive(archive), Registry.TOKEN.target(repository, "1"),
                    Registry.TOKEN.credentials());
            int afterFirst = TokenServer.get().requests().size();
            Thread.sleep(2500);
            transport.push(ImageSource.dockerArchive(archive), Registry.TOKEN.target(repository, "2"),
                    Registry.TOKEN.credentials());
            assertThat(afterFirst).isEqualTo(1);
            assertThat(TokenServer.get().requests()).hasSize(2);
        }
    }

    @Test
    void aTokenTheRegistryRefusesIsReplacedOnceWithTheChallengedScopeAndThePushGoesOn() throws Exception {
        TokenServer.get().issueExpired(1);
        TestArchives.Image image = TestArchives.randomImage(90_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("a.tar"), false);
        String repository = "hoist-it/refresh-" + TestImages.uniqueTag();
        PushResult result;
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            result = transport.push(ImageSource.dockerArchive(archive), Registry.TOKEN.target(repository, "1"),
                    Registry.TOKEN.credentials());
        }
        List<TokenServer.Request> requests = TokenServer.get().requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).scopes()).contains("repository:" + repository + ":pull,push");
        assertSkopeoAgrees(result, Registry.TOKEN);
    }

    @Test
    void anIdentityTokenGoesThroughTheRefreshTokenGrant() throws Exception {
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(70_000), "app:1", dir.resolve("a.tar"), false);
        String repository = "hoist-it/identity-" + TestImages.uniqueTag();
        PushResult result;
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            result = transport.push(ImageSource.dockerArchive(archive), Registry.TOKEN.target(repository, "1"),
                    Optional.of(RegistryCredentials.identityToken(Secret.of(TokenServer.IDENTITY_TOKEN), "test")));
        }
        assertThat(TokenServer.get().requests()).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.grant()).isEqualTo("refresh_token");
        });
        assertSkopeoAgrees(result, Registry.TOKEN);
    }

    @Test
    void refusedCredentialsAreATypedErrorThatNeverShowsTheSecret() throws Exception {
        String canary = "CANARY-" + TestImages.uniqueTag();
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(10_000), "app:1", dir.resolve("a.tar"), false);
        RegistryCredentials wrong = RegistryCredentials.basic(TestServices.registryUser(), Secret.of(canary), "canary");
        for (Registry registry : List.of(Registry.BASIC, Registry.TLS, Registry.TOKEN)) {
            try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
                assertThatThrownBy(() -> transport.push(ImageSource.dockerArchive(archive),
                        registry.target("hoist-it/denied", "1"), Optional.of(wrong)))
                        .isInstanceOf(RegistryAuthenticationException.class)
                        .satisfies(kindAndReason(ErrorKind.AUTHENTICATION, RegistryAuthenticationException.Reason.REFUSED))
                        .hasMessageContaining("canary")
                        .satisfies(e -> assertThat(e.toString()).doesNotContain(canary))
                        .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(canary));
            }
        }
    }

    @Test
    void aMultiPlatformIndexPushesEveryManifestThenTheIndex() throws Exception {
        Path layout = dir.resolve("multi");
        String indexDigest = TestArchives.multiPlatformLayout(
                List.of(TestArchives.randomImage(100_000), TestArchives.randomImage(120_000, 5_000)),
                List.of("linux/amd64", "linux/arm64"), "multi", layout);
        PushResult result;
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            result = transport.push(ImageSource.ociLayout(layout, Optional.of("multi")),
                    plain("hoist-it/multi", TestImages.uniqueTag()), Optional.empty());
        }
        assertThat(result.digest()).isEqualTo(indexDigest);
        assertThat(result.mediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(result.layers()).hasSize(3);
        assertSkopeoAgrees(result, Registry.PLAIN);
        for (String platform : List.of("amd64", "arm64")) {
            String inspected = RegistryApiServices.runOk(List.of("skopeo", "inspect", "--tls-verify=false",
                    "--override-arch", platform, "docker://" + result.image()));
            assertThat(inspected).contains("\"Architecture\": \"" + platform + "\"");
        }
    }

    @Test
    void noThreadIsLeftAfterClose() throws Exception {
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(600_000, 600_000), "app:1",
                dir.resolve("a.tar"), false);
        RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
        transport.push(ImageSource.dockerArchive(archive), plain("hoist-it/threads", "1"), Optional.empty());
        transport.close();
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive)
                .extracting(Thread::getName).noneMatch(name -> name.startsWith("hoist-upload") || name.startsWith("hoist-gzip"));
    }

    @Test
    void aStaleOrCorruptCacheIsIgnoredAndRewritten() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(90_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("a.tar"), false);
        Path cache = dir.resolve("cache");
        Path file = cache.resolve("blob-info").resolve(TestServices.registry().replace(':', '_') + ".json");
        Files.createDirectories(file.getParent());
        // Stale: the layer's diffID points at a blob the registry never had.
        Files.writeString(file, "{\"version\":1,\"layers\":{\"" + image.diffIds().get(0) + "\":{\"digest\":\"sha256:"
                + "0".repeat(64) + "\",\"size\":5,\"mediaType\":\"" + RegistryApiTransport.DOCKER_LAYER_GZIP + "\"}},"
                + "\"repositories\":{\"sha256:" + "0".repeat(64) + "\":[\"hoist-it/nowhere\"]}}");
        try (RegistryApiTransport transport = withoutDaemon(cache)) {
            PushResult result = transport.push(ImageSource.dockerArchive(archive), plain("hoist-it/stale", "1"),
                    Optional.empty());
            assertThat(result.layers()).extracting(LayerResult::result).containsOnly(Outcome.UPLOADED);
            assertThat(Files.readString(file)).contains(result.layers().get(0).digest());
        }
        Files.writeString(file, "{not json");
        try (RegistryApiTransport transport = withoutDaemon(cache)) {
            PushResult result = transport.push(ImageSource.dockerArchive(archive), plain("hoist-it/stale", "2"),
                    Optional.empty());
            assertThat(result.digest()).isEqualTo(RegistryHttp.manifestDigest(TestServices.registry(),
                    "hoist-it/stale", "2"));
            assertThat(Files.readString(file)).contains(image.diffIds().get(0));
        }
    }
}
