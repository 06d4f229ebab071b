package dev.hoist.transport.registry;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.distribution.Blobs;
import dev.hoist.distribution.ManifestInfo;
import dev.hoist.distribution.Manifests;
import dev.hoist.distribution.RegistryHost;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.distribution.Tags;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.PushProgress;
import dev.hoist.push.RegistryException;
import dev.hoist.testing.BlobStoreServer;
import dev.hoist.testing.FaultProxy;
import dev.hoist.testing.RegistryFixtures;
import dev.hoist.testing.TagPagingProxy;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import dev.hoist.transport.copy.CopyDestination;
import dev.hoist.transport.copy.CopySource;
import dev.hoist.transport.copy.ImageCopy;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side against the real plain registry behind the test proxies: more than 100 tags in opaque pages that
 * only a client following {@code Link} verbatim gets whole, and a page loop; a {@code HEAD} without
 * {@code Docker-Content-Digest} (Amazon ECR's behaviour); a blob {@code GET} redirected to another loopback port,
 * which no {@code Authorization} reaches, and a redirect loop; a blob whose bytes do not match its digest, which a
 * copy refuses without writing a tag.
 */
class ReadSideFaultsIntegrationTest extends RegistryApiTestBase {

    @TempDir
    Path dir;

    @Override
    @org.junit.jupiter.api.BeforeEach
    void services() {
        TestServices.requireRegistry();
        dev.hoist.testing.RegistryApiServices.requireSkopeo();
    }

    private static RegistryHttp http(RegistryApiTransport transport, String host) {
        return transport.http(RegistryHost.of(host), Optional.empty(), host);
    }

    @Test
    void moreThanAHundredTagsInOpaquePagesComeBackWholeAndALoopIsRefused() throws Exception {
        String repository = "hoist-it/many-tags-" + TestImages.uniqueTag();
        RegistryFixtures.pushImage(TestServices.registry(), repository, "t000", false, dir);
        RegistryFixtures.Manifest manifest = RegistryFixtures.manifest(TestServices.registry(), repository, "t000",
                Optional.empty());
        List<String> expected = new ArrayList<>(List.of("t000"));
        for (int i = 1; i < 130; i++) {
            String tag = String.format("t%03d", i);
            RegistryFixtures.tag(TestServices.registry(), repository, tag, manifest, Optional.empty());
            expected.add(tag);
        }
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             TagPagingProxy proxy = new TagPagingProxy(TestServices.registry(), 7)) {
            try (RegistryHttp http = http(transport, proxy.address())) {
                assertThat(new Tags(http).list(repository, Tags.PAGE)).containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThat(proxy.pagesServed()).isEqualTo(19);
            proxy.loop(5, 2);
            try (RegistryHttp http = http(transport, proxy.address())) {
                assertThatThrownBy(() -> new Tags(http).list(repository, Tags.PAGE))
                        .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNEXPECTED_ANSWER))
                        .hasMessageContaining("in a loop");
            }
        }
    }

    @Test
    void withoutDockerContentDigestOnHeadTheDigestIsStillTheRegistrys() throws Exception {
        String repository = "hoist-it/no-digest-" + TestImages.uniqueTag();
        RegistryFixtures.pushImage(TestServices.registry(), repository, "1", false, dir);
        String digest = RegistryFixtures.manifest(TestServices.registry(), repository, "1", Optional.empty()).digest();
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             FaultProxy proxy = new FaultProxy(TestServices.registry())) {
            proxy.rule("HEAD", "/manifests/", new FaultProxy.StripHeader("Docker-Content-Digest"), 100);
            try (RegistryHttp http = http(transport, proxy.address())) {
                ManifestInfo info = new Manifests(http).resolve(repository, "1");
                assertThat(info.digest()).isEqualTo(digest);
            }
            assertThat(proxy.requests("GET", "/manifests/1")).as("the GET the missing header asked for").isEqualTo(1);
        }
    }

    @Test
    void aBlobRedirectedToAnotherPortGetsNoAuthorizationAndARedirectLoopIsRefused() throws Exception {
        String repository = "hoist-it/redirect-" + TestImages.uniqueTag();
        byte[] bytes = TestArchives.randomImage(50_000).layers().get(0);
        String digest = RegistryFixtures.pushBlob(TestServices.registry(), repository, bytes, Optional.empty());
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             BlobStoreServer storage = new BlobStoreServer(TestServices.registry());
             FaultProxy proxy = new FaultProxy(TestServices.registry())) {
            proxy.rule("GET", "/blobs/sha256:", new FaultProxy.RedirectTo(storage.baseUrl()), 100);
            try (RegistryHttp http = new RegistryHttp(transportSettings(), RegistryHost.of(proxy.address()),
                    Registry.BASIC.credentials(), proxy.address());
                 InputStream in = new Blobs(http).open(repository, digest, bytes.length)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            assertThat(storage.requests()).isNotEmpty()
                    .allSatisfy(request -> assertThat(request.has("Authorization")).isFalse());

            storage.redirectToSelf(100);
            try (RegistryHttp http = http(transport, proxy.address())) {
                assertThatThrownBy(() -> new Blobs(http).open(repository, digest, bytes.length))
                        .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNEXPECTED_ANSWER))
                        .hasMessageContaining("redirected");
            }
        }
    }

    private static dev.hoist.distribution.HttpSettings transportSettings() {
        return settings(Path.of("/nonexistent")).http();
    }

    @Test
    void aCopyOfABlobWhoseBytesDoNotMatchFailsAndWritesNoTag() throws Exception {
        String repository = "hoist-it/corrupt-src-" + TestImages.uniqueTag();
        RegistryFixtures.pushImage(TestServices.registry(), repository, "1", false, dir);
        String destination = "hoist-it/corrupt-dst-" + TestImages.uniqueTag();
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             FaultProxy proxy = new FaultProxy(TestServices.registry())) {
            proxy.rule("GET", "/blobs/sha256:", new FaultProxy.CorruptBody(), 100);
            RegistryTarget from = new RegistryTarget(proxy.address(), repository, "1", Optional.empty(), false);
            RegistryTarget to = new RegistryTarget(TestServices.registry(), destination, "1", Optional.empty(), false);
            try (CopySource in = transport.copySource(from, Optional.empty());
                 CopyDestination out = transport.copyDestination(to, Optional.empty(), "test")) {
                assertThatThrownBy(() -> new ImageCopy(transport.uploads(), PushProgress.none()).copy(in, out,
                        List.of())).satisfies(kindAndReason(ErrorKind.REGISTRY,
                        RegistryException.Reason.DIGEST_MISMATCH));
            }
            try (RegistryHttp http = http(transport, TestServices.registry())) {
                assertThatThrownBy(() -> new Manifests(http).head(destination, "1"))
                        .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.NOT_FOUND));
            }
        }
    }

    @Test
    void aSourceCutMidBlobIsReportedAsTheSourcesFailureAndWritesNoTag() throws Exception {
        String repository = "hoist-it/cut-src-" + TestImages.uniqueTag();
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"));
             FaultProxy proxy = new FaultProxy(TestServices.registry())) {
            Path archive = TestArchives.legacyArchive(TestArchives.randomImage(3_000_000), "x:1",
                    dir.resolve("cut.tar"), false);
            transport.push(dev.hoist.push.ImageSource.dockerArchive(archive), Registry.PLAIN.target(repository, "1"),
                    Optional.empty());
            proxy.rule("GET", "/blobs/sha256:", new FaultProxy.Truncate(), 100);
            String destination = "hoist-it/cut-dst-" + TestImages.uniqueTag();
            RegistryTarget from = new RegistryTarget(proxy.address(), repository, "1", Optional.empty(), false);
            // Another registry, so nothing is mounted: the blobs must come through the cut source.
            TestServices.requireRegistry2();
            RegistryTarget to = new RegistryTarget(TestServices.registry2(), destination, "1", Optional.empty(), false);
            try (CopySource in = transport.copySource(from, Optional.empty());
                 CopyDestination out = transport.copyDestination(to, Optional.empty(), "test")) {
                assertThatThrownBy(() -> new ImageCopy(transport.uploads(), PushProgress.none()).copy(in, out,
                        List.of())).isInstanceOf(dev.hoist.push.PushException.class)
                        .hasMessageContaining("from docker://" + proxy.address() + "/" + repository);
            }
            try (RegistryHttp http = http(transport, TestServices.registry2())) {
                assertThatThrownBy(() -> new Manifests(http).head(destination, "1"))
                        .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.NOT_FOUND));
            }
        }
    }
}
