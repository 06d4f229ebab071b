package dev.hoist.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads back from a registry over its HTTP API what a push left there, independently of Docker. */
public final class RegistryHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private RegistryHttp() {
    }

    static HttpClient client() {
        return CLIENT;
    }

    /**
     * The {@code Docker-Content-Digest} of {@code GET /v2/<repository>/manifests/<tag>}.
     *
     * @throws AssertionError if the registry does not answer 200 with the header
     */
    public static String manifestDigest(String registry, String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", MANIFEST_TYPES).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET manifest " + repository + ":" + tag + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.headers().firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new AssertionError("No Docker-Content-Digest header for " + repository + ":" + tag));
    }

    /** The body of {@code GET /v2/_catalog}. */
    public static String catalog(String registry) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/_catalog?n=1000")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
