package dev.hoist.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second plain registry of {@code scripts/services.sh} ({@link TestServices#registry2()},
 * {@code HOIST_TEST_REGISTRY2}) is what copies need: another registry with storage of its own, deletes enabled,
 * like the first.
 */
class SecondRegistryTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void services() {
        TestServices.requireRegistry2();
    }

    @Test
    void hasStorageOfItsOwnAndDeletes() throws Exception {
        String repository = "hoist-it/second-" + TestImages.uniqueTag();
        byte[] bytes = new byte[1_000];
        TestArchives.random().nextBytes(bytes);
        String digest = RegistryFixtures.pushBlob(TestServices.registry(), repository, bytes, Optional.empty());

        assertThat(TestServices.registry2()).isNotEqualTo(TestServices.registry());
        assertThat(status("HEAD", TestServices.registry(), repository, digest)).isEqualTo(200);
        assertThat(status("HEAD", TestServices.registry2(), repository, digest)).isEqualTo(404);

        RegistryFixtures.pushBlob(TestServices.registry2(), repository, bytes, Optional.empty());
        assertThat(status("HEAD", TestServices.registry2(), repository, digest)).isEqualTo(200);
        assertThat(status("DELETE", TestServices.registry2(), repository, digest)).isEqualTo(202);
        assertThat(status("HEAD", TestServices.registry2(), repository, digest)).isEqualTo(404);
        assertThat(status("HEAD", TestServices.registry(), repository, digest)).isEqualTo(200);
    }

    private static int status(String method, String registry, String repository, String digest) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/blobs/" + digest))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
