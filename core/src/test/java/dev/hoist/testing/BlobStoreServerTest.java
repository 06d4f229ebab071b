package dev.hoist.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BlobStoreServer} in front of the real plain registry (and the basic-auth one for its credentials): it
 * serves the blob's bytes, records every request's headers, honours {@code HEAD} and {@code Range}, relays the
 * upstream's refusals, and redirects to itself N times.
 */
class BlobStoreServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    static String repository;
    static byte[] blob;
    static String digest;

    BlobStoreServer store;

    @BeforeAll
    static void blob() throws Exception {
        TestServices.requireRegistry();
        repository = "hoist-it/blob-store-" + TestImages.uniqueTag();
        blob = new byte[200_000];
        TestArchives.random().nextBytes(blob);
        digest = RegistryFixtures.pushBlob(TestServices.registry(), repository, blob, Optional.empty());
    }

    @BeforeEach
    void start() throws Exception {
        store = new BlobStoreServer(TestServices.registry());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void servesTheBlobsBytesAndRecordsAnAnonymousRequest() throws Exception {
        HttpResponse<byte[]> answer = send("GET", url(), Optional.empty(), Optional.empty());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(blob);
        assertThat(TestArchives.sha256(answer.body())).isEqualTo(digest);
        assertThat(store.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.target()).isEqualTo("/v2/" + repository + "/blobs/" + digest + "?X-Amz-Signature=abc");
            assertThat(request.has("Authorization")).isFalse();
            assertThat(request.has("host")).isTrue();
        });
    }

    @Test
    void recordsEveryHeaderAuthorizationIncluded() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url()).toURL().openConnection();
        connection.setRequestProperty("Authorization", "Basic bm90OnJlYWw=");
        connection.setRequestProperty("X-Hoist-Test", "seen");
        byte[] body;
        try (var in = connection.getInputStream()) {
            body = in.readAllBytes();
        }

        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(body).isEqualTo(blob);
        BlobStoreServer.Request request = store.requests().get(0);
        assertThat(request.header("authorization")).contains("Basic bm90OnJlYWw=");
        assertThat(request.header("X-HOIST-TEST")).contains("seen");
    }

    @Test
    void answersHeadAndRange() throws Exception {
        HttpResponse<byte[]> head = send("HEAD", url(), Optional.empty(), Optional.empty());
        HttpResponse<byte[]> part = send("GET", url(), Optional.empty(), Optional.of("bytes=1000-1999"));
        HttpResponse<byte[]> tail = send("GET", url(), Optional.empty(), Optional.of("bytes=199990-"));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains("200000");
        assertThat(head.body()).isEmpty();
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000-1999/200000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(blob, 1000, 2000));
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(blob, 199_990, 200_000));
    }

    @Test
    void relaysTheUpstreamsNotFoundAndRefusesOtherPaths() throws Exception {
        HttpResponse<byte[]> unknown = send("GET", store.baseUrl() + "/v2/" + repository + "/blobs/sha256:"
                + "0".repeat(64), Optional.empty(), Optional.empty());
        HttpResponse<byte[]> notBlob = send("GET", store.baseUrl() + "/v2/" + repository + "/manifests/latest",
                Optional.empty(), Optional.empty());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body())).contains("BLOB_UNKNOWN");
        assertThat(notBlob.statusCode()).isEqualTo(404);
        assertThat(store.requests()).hasSize(2);
    }

    @Test
    void redirectsToItselfTheNextNTimes() throws Exception {
        store.redirectToSelf(3);
        String url = url();

        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> hop = send("GET", url, Optional.empty(), Optional.empty());
            assertThat(hop.statusCode()).isEqualTo(307);
            assertThat(hop.headers().firstValue("Location")).contains(url);
        }
        HttpResponse<byte[]> served = send("GET", url, Optional.empty(), Optional.empty());

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(blob);
        assertThat(store.requests()).hasSize(4);
    }

    @Test
    void anEndlessLoopStopsOnlyTheClientsGuard() throws Exception {
        store.redirectToSelf(Integer.MAX_VALUE);
        URI next = URI.create(url());
        int hops = 0;
        HttpResponse<byte[]> answer;
        do {
            answer = send("GET", next.toString(), Optional.empty(), Optional.empty());
            next = next.resolve(answer.headers().firstValue("Location").orElse(next.toString()));
        } while (answer.statusCode() == 307 && ++hops < 20);

        assertThat(hops).isEqualTo(20);
        store.reset();
        assertThat(send("GET", url(), Optional.empty(), Optional.empty()).statusCode()).isEqualTo(200);
        assertThat(store.requests()).hasSize(1);
    }

    @Test
    void fetchesWithTheCredentialsItIsGiven() throws Exception {
        TestServices.requireAuthRegistries();
        String registry = TestServices.authRegistry();
        Optional<String> basic = Optional.of(BlobStoreServer.basic(TestServices.registryUser(),
                TestServices.registryPassword()));
        String repo = "hoist-it/blob-store-auth-" + TestImages.uniqueTag();
        byte[] bytes = new byte[5_000];
        TestArchives.random().nextBytes(bytes);
        String pushed = RegistryFixtures.pushBlob(registry, repo, bytes, basic);
        String path = "/v2/" + repo + "/blobs/" + pushed;

        try (BlobStoreServer anonymous = new BlobStoreServer(registry);
             BlobStoreServer withCredentials = new BlobStoreServer(registry, basic)) {
            assertThat(send("GET", anonymous.baseUrl() + path, Optional.empty(), Optional.empty()).statusCode())
                    .isEqualTo(401);
            HttpResponse<byte[]> served = send("GET", withCredentials.baseUrl() + path, Optional.empty(),
                    Optional.empty());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(bytes);
            assertThat(withCredentials.requests()).noneMatch(request -> request.has("Authorization"));
        }
    }

    private String url() {
        return store.baseUrl() + "/v2/" + repository + "/blobs/" + digest + "?X-Amz-Signature=abc";
    }

    private static HttpResponse<byte[]> send(String method, String url, Optional<String> authorization,
                                             Optional<String> range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(value -> request.header("Authorization", value));
        range.ifPresent(value -> request.header("Range", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
