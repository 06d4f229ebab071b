package dev.hoist.distribution;

import dev.hoist.push.ErrorCode;
import dev.hoist.push.RegistryException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * The manifest endpoints of the OCI distribution spec ("Pushing manifests", "Checking if content exists"):
 * {@code PUT} and {@code HEAD /v2/<name>/manifests/<reference>}.
 */
public final class Manifests {

    /**
     * The manifest media types Hoist accepts, for the {@code Accept} header: Docker schema 2 manifest and list, OCI
     * manifest and index. The registry answers the digest of the form it serves, so the list decides the digest.
     */
    public static final String ACCEPT = String.join(", ", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final RegistryHttp http;

    public Manifests(RegistryHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * Puts a manifest under a tag or digest with its exact media type; checks {@code Docker-Content-Digest} against
     * the digest of the exact bytes sent.
     *
     * @return the digest of {@code bytes}, which the registry confirmed (or did not contradict)
     * @throws RegistryException with reason {@link RegistryException.Reason#MANIFEST_REJECTED} when the registry
     *         refuses the media type, {@link RegistryException.Reason#DIGEST_MISMATCH} when it reports another
     *         digest, {@link RegistryException.Reason#UNEXPECTED_ANSWER} when it answers otherwise
     */
    public String put(String repository, String reference, String mediaType, byte[] bytes) {
        String digest = Digests.sha256(bytes);
        Response answer = http.send(Request.of("PUT", http.api(repository + "/manifests/" + reference),
                Blobs.pushScope(repository)).body(new ByteArrayEntity(bytes, ContentType.create(mediaType))));
        RegistryErrors errors = answer.errors();
        if (answer.status() == 415 || (answer.status() == 400 && (errors.has(ErrorCode.MANIFEST_INVALID)
                || errors.has(ErrorCode.UNSUPPORTED)) && mentionsMediaType(answer))) {
            throw RegistryException.manifestRejected(http.host(), mediaType, errors.describe(), http.settings().path(),
                    answer.status(), errors.codes());
        }
        if (answer.status() != 201 && answer.status() != 200 && answer.status() != 202) {
            throw http.unexpected("PUT", repository + " manifest " + reference + " (" + mediaType + ")", answer);
        }
        Optional<String> reported = answer.header("Docker-Content-Digest");
        if (reported.isPresent() && !reported.get().equals(digest)) {
            throw RegistryException.manifestDigestMismatch(http.host() + "/" + repository + ":" + reference, digest,
                    reported.get());
        }
        return digest;
    }

    /**
     * Confirms that the registry holds the manifest just put under {@code tag}: one {@code HEAD}, whose
     * {@code Docker-Content-Digest} (when it sends one) must be {@code digest}. A registry can answer the {@code PUT}
     * with success and store nothing, or a proxy can cut the answer before its digest header.
     *
     * @throws RegistryException {@code MANIFEST_NOT_STORED} when the tag has no manifest, {@code DIGEST_MISMATCH}
     *         when it names another one
     */
    public void confirm(String repository, String tag, String digest) {
        String image = http.host() + "/" + repository + ":" + tag;
        // The push's own scope, so the push's token serves (pull is part of it).
        Response answer = http.send(Request.of("HEAD", http.api(repository + "/manifests/" + tag),
                Blobs.pushScope(repository)).header("Accept", ACCEPT));
        if (answer.status() == 404) {
            throw RegistryException.manifestNotStored(image, digest, answer.describe());
        }
        if (answer.status() != 200) {
            throw http.unexpected("HEAD", repository + " manifest " + tag, answer);
        }
        Optional<String> held = answer.header("Docker-Content-Digest").map(String::strip);
        if (held.isPresent() && !held.get().equals(digest)) {
            throw RegistryException.manifestDigestMismatch(image, digest, held.get());
        }
    }

    /**
     * What the registry holds under a tag or digest, by {@code HEAD}, accepting {@link #ACCEPT}. Docker Hub does not
     * count a {@code HEAD} against its pull rate limit.
     *
     * @return the digest ({@code ""} when the registry sent no {@code Docker-Content-Digest}, as Amazon ECR does),
     *         media type and size the registry reports
     * @throws RegistryException {@code NOT_FOUND} when the registry has no such manifest, {@code UNEXPECTED_ANSWER}
     *         when it answers otherwise
     */
    public ManifestInfo head(String repository, String reference) {
        Response answer = http.send(Request.of("HEAD", http.api(repository + "/manifests/" + reference),
                pullScope(repository)).header("Accept", ACCEPT));
        if (answer.status() == 404) {
            throw notFound(repository, reference, answer);
        }
        if (answer.status() != 200) {
            throw http.unexpected("HEAD", repository + " manifest " + reference, answer);
        }
        return new ManifestInfo(answer.header("Docker-Content-Digest").map(String::strip).orElse(""),
                mediaType(answer.header("Content-Type").orElse("")),
                answer.header("Content-Length").map(String::strip).filter(v -> v.matches("\\d{1,18}"))
                        .map(Long::parseLong).orElse(-1L));
    }

    /**
     * The digest, media type and size of what the registry holds under a tag or digest: one {@code HEAD}, and a
     * {@code GET} only when the {@code HEAD} carries no {@code Docker-Content-Digest} (the digest is then the sha256
     * of the exact bytes). The {@code Accept} list ({@link #ACCEPT}) decides which form, so which digest, a registry
     * answers for an image it could convert.
     *
     * @throws RegistryException {@code NOT_FOUND} when there is no such manifest; {@code DIGEST_MISMATCH} when a
     *         manifest asked for by digest has another
     */
    public ManifestInfo resolve(String repository, String reference) {
        ManifestInfo head = head(repository, reference);
        if (Digests.isSha256(head.digest()) && head.size() >= 0 && !head.mediaType().isEmpty()) {
            if (isDigest(reference) && !head.digest().equals(reference)) {
                throw RegistryException.manifestDigestMismatch(http.host() + "/" + repository + "@" + reference,
                        reference, head.digest());
            }
            return head;
        }
        RawManifest manifest = get(repository, reference);
        return new ManifestInfo(manifest.digest(), manifest.mediaType(), manifest.size());
    }

    /**
     * The manifest or index under a tag or digest, its exact bytes, by {@code GET} accepting {@link #ACCEPT}. Its
     * digest is the sha256 of the bytes; one fetched by digest is checked against that digest, and a
     * {@code Docker-Content-Digest} that disagrees with the bytes is refused.
     *
     * @return the digest, the media type (the answer's {@code Content-Type}, else the document's
     *         {@code mediaType} field) and the bytes
     * @throws RegistryException {@code NOT_FOUND} when there is no such manifest; {@code DIGEST_MISMATCH} when the
     *         bytes do not hash to the digest asked for or reported
     */
    public RawManifest get(String repository, String reference) {
        Response answer = http.send(Request.of("GET", http.api(repository + "/manifests/" + reference),
                pullScope(repository)).header("Accept", ACCEPT));
        if (answer.status() == 404) {
            throw notFound(repository, reference, answer);
        }
        if (answer.status() != 200) {
            throw http.unexpected("GET", repository + " manifest " + reference, answer);
        }
        byte[] bytes = answer.body();
        String digest = Digests.sha256(bytes);
        String image = http.host() + "/" + repository + (isDigest(reference) ? "@" : ":") + reference;
        if (isDigest(reference) && !digest.equals(reference)) {
            throw RegistryException.fetchedDigestMismatch(image, reference, digest);
        }
        Optional<String> reported = answer.header("Docker-Content-Digest").map(String::strip);
        if (reported.isPresent() && Digests.isSha256(reported.get()) && !reported.get().equals(digest)) {
            throw RegistryException.fetchedDigestMismatch(image, reported.get(), digest);
        }
        String type = mediaType(answer.header("Content-Type").orElse(""));
        if (type.isEmpty() || !type.startsWith("application/vnd.")) {
            type = Json.mediaTypeField(bytes).orElse(type);
        }
        return new RawManifest(digest, type, bytes);
    }

    /**
     * Deletes the manifest {@code digest} (and with it every tag that points at it), by {@code DELETE}.
     *
     * @param digest {@code sha256:<hex>}: the distribution spec deletes manifests by digest only
     * @throws RegistryException {@code NOT_FOUND} when there is no such manifest, {@code DELETE_UNSUPPORTED} when
     *         the registry does not delete (405 or {@code UNSUPPORTED})
     */
    public void delete(String repository, String digest) {
        Response answer = http.send(Request.of("DELETE", http.api(repository + "/manifests/" + digest),
                List.of("repository:" + repository + ":pull,delete")));
        if (answer.status() == 202 || answer.status() == 200 || answer.status() == 204) {
            return;
        }
        String image = http.host() + "/" + repository + "@" + digest;
        if (answer.status() == 404) {
            throw notFound(repository, digest, answer);
        }
        if (answer.status() == 405 || answer.errors().has(ErrorCode.UNSUPPORTED)) {
            throw RegistryException.deleteUnsupported(http.host(), image, answer.status(), answer.errors().codes());
        }
        throw http.unexpected("DELETE", repository + " manifest " + digest, answer);
    }

    /** The scope a read of {@code repository} needs. */
    static List<String> pullScope(String repository) {
        return List.of("repository:" + repository + ":pull");
    }

    private static boolean isDigest(String reference) {
        return reference.contains(":");
    }

    /** {@code Content-Type} without its parameters. */
    private static String mediaType(String contentType) {
        return contentType.split(";", 2)[0].strip();
    }

    private RegistryException notFound(String repository, String reference, Response answer) {
        String image = http.host() + "/" + repository + (isDigest(reference) ? "@" : ":") + reference;
        return RegistryException.notFound("The registry " + http.host() + " has no manifest '" + image + "' ("
                + answer.describe() + ").", answer.status(), answer.errors().codes());
    }

    private static boolean mentionsMediaType(Response answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return text.contains("media type") || text.contains("mediatype") || text.contains("unsupported")
                || text.contains("schema");
    }
}
