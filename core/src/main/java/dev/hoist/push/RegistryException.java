package dev.hoist.push;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The registry refused or failed what was sent, in a way that ends the push ({@link ErrorKind#REGISTRY}): an
 * unexpected status, a malformed header, a redirect to another host, a refused manifest, another digest than the
 * bytes sent, a lost upload session, or transient failures until the retries were spent. The message quotes the
 * registry's own error code and text (never a credential or token) and the request that failed; {@link #status()}
 * and {@link #codes()} give the answer's HTTP status and error codes when there was an answer.
 */
public class RegistryException extends PushException {

    /** What the registry did. */
    public enum Reason {
        /** It answered in a way Hoist cannot go on from: an unexpected status, header or redirect. */
        UNEXPECTED_ANSWER,
        /**
         * It refused the manifest's media type (for example an OCI manifest on a registry that only knows Docker's
         * schema 2, or the reverse). Every blob is in the registry, but the tag was not written.
         */
        MANIFEST_REJECTED,
        /**
         * It stored a manifest or blob under a digest other than the digest of the bytes Hoist sent
         * ({@code Docker-Content-Digest} disagrees), so what it holds is not what was pushed.
         */
        DIGEST_MISMATCH,
        /**
         * It answered 404 for a blob upload session it had opened: it expired, was cancelled, or the registry
         * restarted without shared upload state (several replicas behind a load balancer without sticky sessions do
         * this). The blob was not stored; pushing again starts a new session.
         */
        UPLOAD_SESSION_NOT_FOUND,
        /**
         * It answered the manifest {@code PUT} with success, but a {@code HEAD} of the tag right after finds no
         * manifest there: it stored nothing, so the push did not take.
         */
        MANIFEST_NOT_STORED,
        /**
         * It kept answering with a transient failure (408, 429, 500, 502, 503 or 504, or a reset, refused or silent
         * connection) until the retries ({@code hoist.registry-api.retry-attempts}) were spent; {@link #attempts()}
         * says how many were made.
         */
        UNAVAILABLE,
        /** It has no manifest, tag, blob or repository of that name (404 {@code MANIFEST_UNKNOWN} and the like). */
        NOT_FOUND,
        /**
         * It does not delete manifests: distribution answers {@code 405 UNSUPPORTED} unless
         * {@code storage.delete.enabled} is set.
         */
        DELETE_UNSUPPORTED,
        /** Its pull rate limit is spent (429 with {@code ratelimit-remaining: 0}, as Docker Hub answers). */
        RATE_LIMITED
    }

    /** The registry-API transport's settings under the default root, which a message names unless told another. */
    private static final String REGISTRY_API_PATH = "hoist.registry-api";

    private final Reason reason;
    private final int status;
    private final List<ErrorCode> codes;
    private final int attempts;

    /**
     * @param status the answer's HTTP status; 0 when there was none
     * @param attempts how many attempts were made, at least 1
     */
    RegistryException(Reason reason, String message, Throwable cause, int status, List<ErrorCode> codes,
                      int attempts) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = status;
        this.codes = List.copyOf(codes);
        this.attempts = attempts;
    }

    /**
     * An answer Hoist cannot go on from, without an HTTP status to report.
     *
     * @param message one line: the request, what came back and what the registry said
     * @param cause the underlying failure, or {@code null}
     */
    public static RegistryException unexpected(String message, Throwable cause) {
        return new RegistryException(Reason.UNEXPECTED_ANSWER, message, cause, 0, List.of(), 1);
    }

    /**
     * An answer Hoist cannot go on from.
     *
     * @param message one line: the request, the status and what the registry said
     * @param status the answer's HTTP status
     * @param codes the error codes of its body, in its order
     */
    public static RegistryException unexpected(String message, int status, List<ErrorCode> codes) {
        return new RegistryException(Reason.UNEXPECTED_ANSWER, message, null, status, codes, 1);
    }

    /**
     * The registry refused the manifest's media type; the message names {@code hoist.registry-api}.
     *
     * @param registry the registry host
     * @param mediaType the manifest media type that was refused
     * @param registryMessage the registry's status and error text
     */
    public static RegistryException manifestRejected(String registry, String mediaType, String registryMessage) {
        return manifestRejected(registry, mediaType, registryMessage, REGISTRY_API_PATH, 0, List.of());
    }

    /**
     * The registry refused the manifest's media type.
     *
     * @param registry the registry host
     * @param mediaType the manifest media type that was refused
     * @param registryMessage the registry's status and error text
     * @param registryApiPath the config path of the registry-API transport's settings, such as
     *        {@code hoist.registry-api} or {@code mystack.components.registry-api}
     * @param status the answer's HTTP status; 0 when unknown
     * @param codes the error codes of its body
     */
    public static RegistryException manifestRejected(String registry, String mediaType, String registryMessage,
                                                     String registryApiPath, int status, List<ErrorCode> codes) {
        return new RegistryException(Reason.MANIFEST_REJECTED, "The registry " + registry + " refused a manifest of"
                + " media type " + mediaType + " (" + registryMessage + "). The engine transport (" + registryApiPath
                + " is then not used), or an image in another format (Docker schema 2 instead of OCI, or the reverse),"
                + " may work there.", null, status, codes, 1);
    }

    /**
     * The registry stored the manifest under another digest.
     *
     * @param image the pushed reference
     * @param sent the digest of the exact bytes sent
     * @param reported the registry's {@code Docker-Content-Digest}
     */
    public static RegistryException manifestDigestMismatch(String image, String sent, String reported) {
        return new RegistryException(Reason.DIGEST_MISMATCH, "The registry stored the manifest of '" + image + "' as "
                + reported + " but the bytes Hoist sent hash to " + sent + "; the registry (or a proxy in between)"
                + " changed the manifest. Do not trust this tag.", null, 0, List.of(), 1);
    }

    /**
     * A manifest or blob read from the registry does not hash to the digest it was asked for (or the registry
     * reported): the registry, or a proxy in between, served other bytes.
     *
     * @param image {@code host/repository@digest} or {@code host/repository:tag}, or the blob's name
     * @param expected the digest asked for or reported
     * @param actual the digest of the bytes that came
     */
    public static RegistryException fetchedDigestMismatch(String image, String expected, String actual) {
        return new RegistryException(Reason.DIGEST_MISMATCH, "What the registry served for '" + image + "' hashes to "
                + actual + ", not " + expected + "; the registry (or a proxy in between) served other bytes, and"
                + " nothing was written with them.", null, 0, List.of(), 1);
    }

    /**
     * The registry stored a blob under another digest.
     *
     * @param registry the registry host
     * @param sent the digest of the bytes sent
     * @param stored the registry's {@code Docker-Content-Digest}
     * @param status the answer's HTTP status
     */
    public static RegistryException blobDigestMismatch(String registry, String sent, String stored, int status) {
        return new RegistryException(Reason.DIGEST_MISMATCH, "The registry " + registry + " stored blob " + sent
                + " as " + stored + "; the bytes changed on the way.", null, status, List.of(), 1);
    }

    /**
     * The registry lost an upload session (HTTP 404).
     *
     * @param registry the registry host
     * @param digest the blob being uploaded, or {@code "(unknown yet)"}
     * @param registryMessage the registry's error text
     * @param codes the error codes of its body
     */
    public static RegistryException uploadSessionNotFound(String registry, String digest, String registryMessage,
                                                          List<ErrorCode> codes) {
        return new RegistryException(Reason.UPLOAD_SESSION_NOT_FOUND, "The registry " + registry + " lost the upload"
                + " session of blob " + digest + " (HTTP 404: " + registryMessage + "). Push again; if it keeps"
                + " happening, the registry's replicas may not share upload state.", null, 404, codes, 1);
    }

    /**
     * The registry answered the manifest {@code PUT} with success, but holds no manifest under the tag.
     *
     * @param image {@code host/repository:tag}
     * @param digest the digest of the manifest sent
     * @param registryMessage the status and codes of the {@code HEAD} of the tag
     */
    public static RegistryException manifestNotStored(String image, String digest, String registryMessage) {
        return new RegistryException(Reason.MANIFEST_NOT_STORED, "The registry accepted the manifest " + digest + " of '"
                + image + "' but holds no manifest under its tag (HEAD: " + registryMessage + "); the push did not"
                + " take. Check the registry's storage, or a proxy in front of it.", null, 404, List.of(), 1);
    }

    /**
     * The retries were spent on transient failures.
     *
     * @param message one line: the request, the number of attempts and the last failure
     * @param attempts how many attempts were made, at least 1
     * @param cause the last failure, or {@code null}
     */
    public static RegistryException unavailable(String message, int attempts, Throwable cause) {
        return new RegistryException(Reason.UNAVAILABLE, message, cause, 0, List.of(), attempts);
    }

    /**
     * The registry has no such manifest, tag, blob or repository.
     *
     * @param message one line: what was asked for, of which registry, and what it answered
     * @param status the answer's HTTP status (404), or 0 when the absence was found otherwise (a platform an
     *        index lacks)
     * @param codes the error codes of its body
     */
    public static RegistryException notFound(String message, int status, List<ErrorCode> codes) {
        return new RegistryException(Reason.NOT_FOUND, message, null, status, codes, 1);
    }

    /**
     * The registry refused a manifest {@code DELETE} because it does not delete.
     *
     * @param registry the registry host
     * @param image what was to be deleted
     * @param status the answer's status (405 from distribution)
     * @param codes the error codes of its body
     */
    public static RegistryException deleteUnsupported(String registry, String image, int status,
                                                      List<ErrorCode> codes) {
        return new RegistryException(Reason.DELETE_UNSUPPORTED, "The registry " + registry + " does not delete"
                + " manifests (HTTP " + status + (codes.isEmpty() ? "" : " " + codes.get(0)) + "), so '" + image
                + "' was not deleted; a distribution registry deletes only with storage.delete.enabled set.", null,
                status, codes, 1);
    }

    /**
     * The registry's pull rate limit is spent.
     *
     * @param registry the registry host
     * @param limit the limit, what remains and when it resets, such as
     *        {@code limit 100 per 21600 s, 0 remaining, resets in 3600 s}
     * @param codes the error codes of its body
     */
    public static RegistryException rateLimited(String registry, String limit, List<ErrorCode> codes) {
        return new RegistryException(Reason.RATE_LIMITED, "The registry " + registry + " refused the request: its"
                + " pull rate limit is spent (" + limit + "). Wait, or log in: authenticated pulls have a higher"
                + " limit.", null, 429, codes, 1);
    }

    /** What the registry did. */
    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the registry's answer; empty when there was none to report. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** The error codes of the answer's body ({@code {"errors":[{"code":…}]}}), in its order; often none. */
    public List<ErrorCode> codes() {
        return codes;
    }

    /** How many attempts were made, the first one included: more than 1 only for {@link Reason#UNAVAILABLE}. */
    public int attempts() {
        return attempts;
    }

    /** {@link ErrorKind#REGISTRY}. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.REGISTRY;
    }
}
