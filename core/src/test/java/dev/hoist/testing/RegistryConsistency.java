package dev.hoist.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks, over a plain registry's HTTP API and independently of Hoist, that what a repository holds is consistent:
 * every tag's manifest names only blobs the registry has, and every blob's bytes ({@code GET}) hash to its digest.
 */
public final class RegistryConsistency {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final String ACCEPT = String.join(", ", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private RegistryConsistency() {
    }

    /**
     * Checks every tag of {@code repository} on the plain registry {@code registry}; a repository without tags (or
     * unknown) passes.
     *
     * @return the blob digests checked
     * @throws AssertionError naming the first inconsistency
     */
    public static List<String> check(String registry, String repository) throws IOException, InterruptedException {
        HttpResponse<String> tags = CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/"
                + repository + "/tags/list")).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<String> checked = new ArrayList<>();
        if (tags.statusCode() == 404) {
            return checked;
        }
        if (tags.statusCode() != 200) {
            throw new AssertionError("GET tags of " + repository + " answered " + tags.statusCode());
        }
        JsonNode list = JSON.readTree(tags.body()).path("tags");
        for (JsonNode tag : list) {
            checkManifest(registry, repository, tag.asText(), checked);
        }
        return checked;
    }

    private static void checkManifest(String registry, String repository, String reference, List<String> checked)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/"
                        + repository + "/manifests/" + reference)).header("Accept", ACCEPT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET manifest " + repository + ":" + reference + " answered "
                    + answer.statusCode());
        }
        JsonNode manifest = JSON.readTree(answer.body());
        if (manifest.has("manifests")) {
            for (JsonNode child : manifest.path("manifests")) {
                checkManifest(registry, repository, child.path("digest").asText(), checked);
            }
            return;
        }
        List<String> digests = new ArrayList<>();
        digests.add(manifest.path("config").path("digest").asText());
        manifest.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
        for (String digest : digests) {
            HttpResponse<InputStream> blob = CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + registry
                    + "/v2/" + repository + "/blobs/" + digest)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (blob.statusCode() != 200) {
                blob.body().close();
                throw new AssertionError(repository + ":" + reference + " names blob " + digest
                        + ", which the registry answers " + blob.statusCode());
            }
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
            try (InputStream in = blob.body()) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha256.update(buffer, 0, n);
                }
            }
            String actual = "sha256:" + HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(digest)) {
                throw new AssertionError("Blob " + digest + " of " + repository + " holds bytes of digest " + actual);
            }
            checked.add(digest);
        }
    }
}
