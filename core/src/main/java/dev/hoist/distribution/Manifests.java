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
     * What the registry holds under a tag or digest, by {@code HEAD}, accepting {@link #ACCEPT}.
     *
     * @return the digest, media type and size the registry reports
     * @throws RegistryException when the registry has no such manifest or answers otherwise
     */
    public ManifestInfo head(String repository, String reference) {
        Response answer = http.send(Request.of("HEAD", http.api(repository + "/manifests/" + reference),
                List.of("repository:" + repository + ":pull")).header("Accept", ACCEPT));
        if (answer.status() != 200) {
            throw http.unexpected("HEAD", repository + " manifest " + reference, answer);
        }
        return new ManifestInfo(answer.header("Docker-Content-Digest").map(String::strip).orElse(""),
                answer.header("Content-Type").orElse(""),
                answer.header("Content-Length").map(Long::parseLong).orElse(-1L));
    }

    private static boolean mentionsMediaType(Response answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return text.contains("media type") || text.contains("mediatype") || text.contains("unsupported")
                || text.contains("schema");
    }
}
