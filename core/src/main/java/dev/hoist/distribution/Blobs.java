package dev.hoist.distribution;

import dev.hoist.push.ErrorCode;
import dev.hoist.push.RegistryException;
import dev.hoist.spi.HoistException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blob endpoints of the OCI distribution spec ("Pushing blobs", "Mounting a blob from another repository",
 * "Checking if content exists"): {@code HEAD /v2/<name>/blobs/<digest>}, {@code POST /v2/<name>/blobs/uploads/}
 * (with {@code ?mount=&from=}), the streamed {@code PATCH}, the closing {@code PUT ?digest=} and the {@code DELETE}
 * of a session. Keeps the upload sessions it opened until they are committed or cancelled, so a failed push can
 * cancel every one ({@link #cancelOpenSessions}).
 */
public final class Blobs {

    private static final Logger LOG = LoggerFactory.getLogger(Blobs.class);

    /** What a mount request did. */
    public sealed interface Mount {
        /** The registry mounted the blob (201). */
        record Mounted() implements Mount {
        }

        /** The registry opened an upload session instead (202); upload the blob there. */
        record Session(URI upload) implements Mount {
        }
    }

    private final RegistryHttp http;
    private final Set<URI> openSessions = ConcurrentHashMap.newKeySet();

    public Blobs(RegistryHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The scopes a push to {@code repository} needs. */
    static List<String> pushScope(String repository) {
        return List.of("repository:" + repository + ":pull,push");
    }

    /**
     * Whether the repository has the blob. A redirect (as registries with redirecting storage answer) counts as
     * present.
     *
     * @throws RegistryException on an answer other than 200, 302, 307 or 404
     */
    public boolean exists(String repository, String digest) {
        Response answer = http.send(Request.of("HEAD", http.api(repository + "/blobs/" + digest),
                pushScope(repository)));
        if (answer.status() == 200 || answer.status() == 307 || answer.status() == 302) {
            return true;
        }
        if (answer.status() == 404) {
            return false;
        }
        throw unexpected("HEAD", repository + " blob " + digest, answer);
    }

    /**
     * Opens a blob for reading, by {@code GET}, following redirects to object storage without the registry's
     * credentials ({@link RegistryHttp#openFollowing}). The stream is checked against {@code digest} and
     * {@code size} while it is read ({@link VerifyingInputStream}); the caller closes it, which releases the
     * connection.
     *
     * @param size the blob's size in bytes, from its descriptor
     * @throws RegistryException {@code NOT_FOUND} when the repository has no such blob, {@code UNEXPECTED_ANSWER}
     *         on a redirect loop or another answer
     */
    public java.io.InputStream open(String repository, String digest, long size) {
        Connections.Opened opened = http.openFollowing(Request.of("GET", http.api(repository + "/blobs/" + digest),
                Manifests.pullScope(repository)));
        Response answer = opened.head();
        if (opened.body() == null) {
            opened.close();
            if (answer.status() == 404) {
                throw RegistryException.notFound("The registry " + http.host() + " has no blob " + digest + " in "
                        + repository + " (" + answer.describe() + ").", answer.status(), answer.errors().codes());
            }
            throw unexpected("GET", repository + " blob " + digest, answer);
        }
        return new VerifyingInputStream(new java.io.FilterInputStream(opened.body()) {
            @Override
            public void close() {
                opened.close();
            }
        }, http.host() + "/" + repository + " blob " + digest, digest, size);
    }

    /**
     * Asks the registry to mount {@code digest} from the repository {@code from}.
     *
     * @return {@link Mount.Mounted}, or the session the registry opened instead
     */
    public Mount mount(String repository, String digest, String from) {
        URI uri = http.api(repository + "/blobs/uploads/?mount=" + RegistryHttp.encode(digest) + "&from="
                + RegistryHttp.encode(from));
        Response answer = http.send(Request.of("POST", uri, List.of("repository:" + repository + ":pull,push",
                "repository:" + from + ":pull")));
        if (answer.status() == 201) {
            return new Mount.Mounted();
        }
        if (answer.status() == 202) {
            return new Mount.Session(opened(http.location(answer, "POST mount")));
        }
        throw unexpected("POST", repository + " mount of " + digest, answer);
    }

    /** Opens an upload session. */
    public URI startUpload(String repository) {
        Response answer = http.send(Request.of("POST", http.api(repository + "/blobs/uploads/"),
                pushScope(repository)));
        if (answer.status() != 202) {
            throw unexpected("POST", repository + " upload", answer);
        }
        return opened(http.location(answer, "POST upload"));
    }

    /**
     * Sends the whole blob in one streamed {@code PATCH}, never repeated (with {@code Content-Length} when
     * {@code length >= 0}, chunked otherwise). The session is cancelled when it fails.
     *
     * @return the session's next location, for {@link #commit}
     * @throws RegistryException with reason {@link RegistryException.Reason#UPLOAD_SESSION_NOT_FOUND} when the
     *         registry forgot the session
     */
    public URI patch(String repository, URI session, long length, BodyWriter body) {
        Response answer;
        try {
            answer = http.send(new Request("PATCH", session, pushScope(repository), new StreamingBody(length, body),
                    java.util.Map.of(), false));
        } catch (HoistException | RetryPolicy.Transient failed) {
            cancel(repository, session);
            throw failed;
        }
        if (answer.status() == 404) {
            throw RegistryException.uploadSessionNotFound(http.host(), "(being uploaded)", answer.describe(),
                    answer.errors().codes());
        }
        if (answer.status() != 202 && answer.status() != 204) {
            cancel(repository, session);
            throw unexpected("PATCH", repository + " upload", answer);
        }
        URI next = http.location(answer, "PATCH upload");
        openSessions.remove(session);
        return opened(next);
    }

    /**
     * Closes the session with {@code PUT ?digest=}, sending {@code bytes} in it when given (a monolithic upload).
     * Never repeated into the same session: the caller retries the blob in a new one. The session is cancelled when
     * the request fails.
     *
     * @param bytes the whole blob, or {@code null} after a {@link #patch}
     * @return {@code digest}, which the registry confirmed (or did not contradict)
     * @throws RegistryException with reason {@link RegistryException.Reason#UPLOAD_SESSION_NOT_FOUND} when the
     *         registry forgot the session, {@link RegistryException.Reason#DIGEST_MISMATCH} when it stored other
     *         bytes, {@link RegistryException.Reason#UNEXPECTED_ANSWER} when it answers otherwise
     */
    public String commit(String repository, URI session, String digest, byte[] bytes) {
        URI put = URI.create(session + (session.getRawQuery() == null ? "?" : "&") + "digest="
                + RegistryHttp.encode(digest));
        Request request = Request.of("PUT", put, pushScope(repository)).once();
        if (bytes != null) {
            request = request.body(new ByteArrayEntity(bytes, ContentType.APPLICATION_OCTET_STREAM));
        }
        Response answer;
        try {
            answer = http.send(request);
        } catch (HoistException | RetryPolicy.Transient failed) {
            cancel(repository, session);
            throw failed;
        }
        openSessions.remove(session);
        if (answer.status() == 404 && answer.errors().has(ErrorCode.BLOB_UPLOAD_UNKNOWN)) {
            throw RegistryException.uploadSessionNotFound(http.host(), digest, answer.describe(),
                    answer.errors().codes());
        }
        if (answer.status() != 201 && answer.status() != 204) {
            throw unexpected("PUT", repository + " blob " + digest, answer);
        }
        String stored = answer.header("Docker-Content-Digest").orElse(digest);
        if (!stored.equals(digest)) {
            throw RegistryException.blobDigestMismatch(http.host(), digest, stored, answer.status());
        }
        return digest;
    }

    /**
     * {@code DELETE} of an upload session, once, best effort, at the session's latest {@code Location} (distribution
     * refuses an older one, whose state no longer matches the bytes it holds).
     *
     * @return whether the registry cancelled it (2xx); a registry may not support it, or refuse a session whose
     *         last {@code PATCH} was cut before its answer, and then keeps it until it purges stale uploads
     */
    public boolean cancel(String repository, URI session) {
        openSessions.remove(session);
        try {
            Response answer = http.send(Request.of("DELETE", session, pushScope(repository)).once());
            LOG.debug("Cancelling an upload session on {}: {}", http.host(), answer.describe());
            return answer.status() / 100 == 2;
        } catch (HoistException | RetryPolicy.Transient ignored) {
            LOG.debug("Cancelling an upload session on {} failed: {}", http.host(), ignored.getMessage());
            return false;
        }
    }

    /**
     * How the clean-up of a failed push went.
     *
     * @param open how many upload sessions were open
     * @param cancelled how many of them the registry cancelled
     */
    public record Cancelled(int open, int cancelled) {
    }

    /** Cancels every upload session still open, best effort; the calling thread's interrupt status is kept. */
    public Cancelled cancelOpenSessions(String repository) {
        List<URI> open = List.copyOf(openSessions);
        boolean interrupted = Thread.interrupted();
        int cancelled = 0;
        try {
            for (URI session : open) {
                cancelled += cancel(repository, session) ? 1 : 0;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new Cancelled(open.size(), cancelled);
    }

    private URI opened(URI session) {
        openSessions.add(session);
        return session;
    }

    private RegistryException unexpected(String method, String what, Response answer) {
        if (answer.status() == 404 && answer.errors().has(ErrorCode.BLOB_UPLOAD_UNKNOWN)) {
            return RegistryException.uploadSessionNotFound(http.host(), what, answer.describe(),
                    answer.errors().codes());
        }
        return http.unexpected(method, what, answer);
    }
}
