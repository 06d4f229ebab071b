package dev.hoist.transport.registry;

import dev.hoist.distribution.Blobs;
import dev.hoist.distribution.BodyWriter;
import dev.hoist.distribution.Manifests;
import dev.hoist.distribution.RegistryHost;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.distribution.RetryPolicy;
import dev.hoist.distribution.TokenCache;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.RegistryCredentials;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry calls of one push, over the registry HTTP layer ({@link RegistryHttp} with its {@link Blobs} and
 * {@link Manifests} endpoints) for one target and one set of credentials. Thread-safe.
 */
final class RegistryClient implements AutoCloseable {

    private final RegistryHttp http;
    private final Blobs blobs;
    private final Manifests manifests;

    RegistryClient(RegistryApiSettings settings, RegistryTarget target, Optional<RegistryCredentials> credentials,
                   TokenCache tokens, Clock clock) {
        this(settings, target, credentials, tokens, clock, RetryPolicy.of(settings.http()));
    }

    RegistryClient(RegistryApiSettings settings, RegistryTarget target, Optional<RegistryCredentials> credentials,
                   TokenCache tokens, Clock clock, RetryPolicy retry) {
        this.http = new RegistryHttp(settings.http(), new RegistryHost(target.host(), target.caFile(),
                target.insecure()), credentials, target.image(), tokens, clock, retry);
        this.blobs = new Blobs(http);
        this.manifests = new Manifests(http);
    }

    String host() {
        return http.host();
    }

    void ping() {
        http.ping();
    }

    boolean blobExists(String repository, String digest) {
        return blobs.exists(repository, digest);
    }

    /** @return empty when the registry mounted the blob; otherwise the upload session it opened instead */
    Optional<URI> mount(String repository, String digest, String from) {
        Blobs.Mount mount = blobs.mount(repository, digest, from);
        return mount instanceof Blobs.Mount.Session session ? Optional.of(session.upload()) : Optional.empty();
    }

    URI startUpload(String repository) {
        return blobs.startUpload(repository);
    }

    /**
     * One streamed {@code PATCH}, then {@code PUT ?digest=} with the digest {@code digestAfterBody} gives once the
     * body is written (it may throw to abandon the upload; the session is then cancelled).
     */
    String uploadStreamed(String repository, URI session, long length, BodyWriter body,
                          Supplier<String> digestAfterBody) {
        URI next = blobs.patch(repository, session, length, body);
        String digest;
        try {
            digest = digestAfterBody.get();
        } catch (HoistException rejected) {
            blobs.cancel(repository, next);
            throw rejected;
        }
        return blobs.commit(repository, next, digest, null);
    }

    String uploadMonolithic(String repository, URI session, String digest, byte[] bytes) {
        return blobs.commit(repository, session, digest, bytes);
    }

    void cancel(String repository, URI session) {
        blobs.cancel(repository, session);
    }

    void abort() {
        http.abort();
    }

    boolean aborted() {
        return http.aborted();
    }

    int cancelOpenSessions(String repository) {
        return blobs.cancelOpenSessions(repository);
    }

    RetryPolicy retry() {
        return http.retry();
    }

    String putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        return manifests.put(repository, reference, mediaType, bytes);
    }

    RegistryApiTransport.ManifestInfo headManifest(String repository, String reference) {
        dev.hoist.distribution.ManifestInfo info = manifests.head(repository, reference);
        return new RegistryApiTransport.ManifestInfo(info.digest(), info.mediaType(), info.size());
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "RegistryClient[" + http.host() + "]";
    }
}
