package dev.hoist.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts content into a real plain-HTTP test registry for the read-side tests, independently of Hoist: a small image
 * pushed by {@code skopeo copy} from a {@link TestArchives} archive, more tags of the same manifest and single blobs
 * pushed over the registry API with the JDK client. {@code authorization} is a whole {@code Authorization} value
 * ({@link BlobStoreServer#basic(String, String)}) or empty for an anonymous registry.
 */
public final class RegistryFixtures {

    /** The manifest types a read asks for. */
    public static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private RegistryFixtures() {
    }

    /** A manifest as the registry serves it. */
    public record Manifest(byte[] bytes, String mediaType, String digest) {
    }

    /**
     * Pushes a one-layer image of random bytes as {@code registry/repository:tag} with skopeo (the test user's
     * credentials when {@code credentials}).
     *
     * @param scratch a directory for the archive
     */
    public static void pushImage(String registry, String repository, String tag, boolean credentials, Path scratch)
            throws IOException, InterruptedException {
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(4_000),
                "fixture:" + TestImages.uniqueTag(), scratch.resolve("image-" + TestImages.uniqueTag() + ".tar"), false);
        List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"));
        if (credentials) {
            command.add("--dest-creds");
            command.add(TestServices.registryUser() + ":" + TestServices.registryPassword());
        }
        command.add("docker-archive:" + archive);
        command.add("docker://" + registry + "/" + repository + ":" + tag);
        RegistryApiServices.runOk(command);
    }

    /** {@code GET /v2/<repository>/manifests/<reference>}; fails unless 200. */
    public static Manifest manifest(String registry, String repository, String reference,
                                    Optional<String> authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + reference))
                .header("Accept", MANIFEST_TYPES).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET manifest " + repository + ":" + reference + " answered "
                    + response.statusCode());
        }
        return new Manifest(response.body(), response.headers().firstValue("Content-Type").orElseThrow(),
                response.headers().firstValue("Docker-Content-Digest").orElseThrow());
    }

    /** {@code PUT /v2/<repository>/manifests/<tag>} of {@code manifest}; fails unless 201. */
    public static void tag(String registry, String repository, String tag, Manifest manifest,
                           Optional<String> authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", manifest.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes()));
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("PUT manifest " + repository + ":" + tag + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    /**
     * Pushes {@code bytes} as one blob of {@code repository} in a monolithic upload ({@code POST}, then {@code PUT}
     * with the digest).
     *
     * @return its digest
     */
    public static String pushBlob(String registry, String repository, byte[] bytes, Optional<String> authorization)
            throws IOException, InterruptedException {
        String digest = TestArchives.sha256(bytes);
        HttpRequest.Builder start = HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(value -> start.header("Authorization", value));
        HttpResponse<String> started = HTTP.send(start.build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new AssertionError("POST upload to " + repository + " answered " + started.statusCode());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create("http://" + registry + "/").resolve(location);
        String separator = upload.getRawQuery() == null ? "?" : "&";
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        authorization.ifPresent(value -> put.header("Authorization", value));
        HttpResponse<String> done = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw new AssertionError("PUT blob to " + repository + " answered " + done.statusCode() + ": " + done.body());
        }
        return digest;
    }
}
