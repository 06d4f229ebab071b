package dev.hoist.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-side faults of {@link FaultProxy} against the real plain registry, read with the JDK client (redirects
 * never followed by the client itself): {@link FaultProxy.StripHeader}, {@link FaultProxy.RedirectTo} (to a
 * {@link BlobStoreServer}) and {@link FaultProxy.CorruptBody}. The push-side faults are exercised by
 * {@code FaultInjectionIntegrationTest}.
 */
class FaultProxyTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String SECRET = "Bearer hoist-test-secret-token";

    @TempDir
    static Path scratch;
    static String repository;
    static RegistryFixtures.Manifest manifest;
    static String layer;
    static byte[] layerBytes;

    FaultProxy proxy;

    @BeforeAll
    static void image() throws Exception {
        TestServices.requireRegistry();
        RegistryApiServices.requireSkopeo();
        repository = "hoist-it/fault-read-" + TestImages.uniqueTag();
        RegistryFixtures.pushImage(TestServices.registry(), repository, "v1", false, scratch);
        manifest = RegistryFixtures.manifest(TestServices.registry(), repository, "v1", Optional.empty());
        layer = new ObjectMapper().readTree(manifest.bytes()).path("layers").get(0).path("digest").asText();
        layerBytes = send("GET", "http://" + TestServices.registry() + "/v2/" + repository + "/blobs/" + layer,
                Optional.empty()).body();
        assertThat(TestArchives.sha256(layerBytes)).isEqualTo(layer);
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new FaultProxy(TestServices.registry());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    @Test
    void stripHeaderRemovesTheDigestFromAManifestHead() throws Exception {
        FaultProxy.Rule rule = proxy.rule("HEAD", "/manifests/",
                new FaultProxy.StripHeader("docker-content-digest"), 1);
        String url = "http://" + proxy.address() + "/v2/" + repository + "/manifests/v1";

        HttpResponse<byte[]> stripped = send("HEAD", url, Optional.empty());
        HttpResponse<byte[]> whole = send("HEAD", url, Optional.empty());

        assertThat(stripped.statusCode()).isEqualTo(200);
        assertThat(stripped.headers().firstValue("Docker-Content-Digest")).isEmpty();
        assertThat(stripped.headers().firstValue("Content-Length")).contains(Integer.toString(manifest.bytes().length));
        assertThat(whole.headers().firstValue("Docker-Content-Digest")).contains(manifest.digest());
        assertThat(rule.fired()).isEqualTo(1);
        assertThat(proxy.count("HEAD", "/manifests/v1$", 200)).isEqualTo(2);
    }

    @Test
    void redirectToAnswers307WithoutAskingTheUpstream() throws Exception {
        String missing = "sha256:" + "0".repeat(64);
        proxy.rule("GET", "/blobs/", new FaultProxy.RedirectTo("http://127.0.0.1:9/store/"), 2);

        HttpResponse<byte[]> present = send("GET", "http://" + proxy.address() + "/v2/" + repository + "/blobs/"
                + layer + "?ns=docker.io", Optional.empty());
        HttpResponse<byte[]> absent = send("GET", "http://" + proxy.address() + "/v2/" + repository + "/blobs/"
                + missing, Optional.empty());
        HttpResponse<byte[]> forwarded = send("GET", "http://" + proxy.address() + "/v2/" + repository + "/blobs/"
                + missing, Optional.empty());

        assertThat(present.statusCode()).isEqualTo(307);
        assertThat(present.headers().firstValue("Location"))
                .contains("http://127.0.0.1:9/store/v2/" + repository + "/blobs/" + layer + "?ns=docker.io");
        assertThat(present.body()).isEmpty();
        // The upstream would answer 404 for this digest: the 307 never asked it.
        assertThat(absent.statusCode()).isEqualTo(307);
        assertThat(forwarded.statusCode()).isEqualTo(404);
        assertThat(proxy.count("GET", "/blobs/", 307)).isEqualTo(2);
    }

    @Test
    void redirectToABlobStoreServesTheBlobAndShowsWhoSentCredentials() throws Exception {
        try (BlobStoreServer store = new BlobStoreServer(TestServices.registry())) {
            proxy.rule("GET", "/blobs/", new FaultProxy.RedirectTo(store.baseUrl()), 2);
            String url = "http://" + proxy.address() + "/v2/" + repository + "/blobs/" + layer;

            // A careful client drops the registry's Authorization on the way to another origin ...
            HttpResponse<byte[]> redirect = send("GET", url, Optional.of(SECRET));
            String location = redirect.headers().firstValue("Location").orElseThrow();
            HttpResponse<byte[]> careful = send("GET", location, Optional.empty());
            // ... a leaky one sends it along, and the store sees it.
            HttpResponse<byte[]> leaky = send("GET", send("GET", url, Optional.of(SECRET)).headers()
                    .firstValue("Location").orElseThrow(), Optional.of(SECRET));

            assertThat(location).isEqualTo(store.baseUrl() + "/v2/" + repository + "/blobs/" + layer);
            assertThat(careful.statusCode()).isEqualTo(200);
            assertThat(careful.body()).isEqualTo(layerBytes);
            assertThat(leaky.body()).isEqualTo(layerBytes);
            assertThat(store.requests()).hasSize(2);
            assertThat(store.requests().get(0).has("Authorization")).isFalse();
            assertThat(store.requests().get(1).header("authorization")).contains(SECRET);
        }
    }

    @Test
    void corruptBodyFlipsOneByteAndKeepsTheLength() throws Exception {
        FaultProxy.Rule rule = proxy.rule("GET", "/blobs/", new FaultProxy.CorruptBody(), 1);
        String url = "http://" + proxy.address() + "/v2/" + repository + "/blobs/" + layer;

        HttpResponse<byte[]> corrupt = send("GET", url, Optional.empty());
        HttpResponse<byte[]> intact = send("GET", url, Optional.empty());

        assertThat(corrupt.statusCode()).isEqualTo(200);
        assertThat(corrupt.headers().firstValue("Docker-Content-Digest")).contains(layer);
        assertThat(corrupt.body()).hasSameSizeAs(layerBytes);
        assertThat(TestArchives.sha256(corrupt.body())).isNotEqualTo(layer);
        int differing = 0;
        for (int i = 0; i < layerBytes.length; i++) {
            if (corrupt.body()[i] != layerBytes[i]) {
                differing++;
            }
        }
        assertThat(differing).isEqualTo(1);
        assertThat(intact.body()).isEqualTo(layerBytes);
        assertThat(rule.fired()).isEqualTo(1);
    }

    @Test
    void corruptBodyLeavesAHeadAlone() throws Exception {
        proxy.rule("HEAD", "/blobs/", new FaultProxy.CorruptBody(), 1);

        HttpResponse<byte[]> head = send("HEAD", "http://" + proxy.address() + "/v2/" + repository + "/blobs/" + layer,
                Optional.empty());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(layerBytes.length));
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(layer);
    }

    private static HttpResponse<byte[]> send(String method, String url, Optional<String> authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", RegistryFixtures.MANIFEST_TYPES).method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
