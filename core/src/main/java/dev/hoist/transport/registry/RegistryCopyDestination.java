package dev.hoist.transport.registry;

import dev.hoist.transport.compress.LayerCompressor;

import dev.hoist.distribution.Blobs;
import dev.hoist.distribution.Manifests;
import dev.hoist.distribution.RawManifest;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.push.RegistryException;
import dev.hoist.transport.copy.CopyDestination;
import dev.hoist.transport.copy.RegistryLocation;
import dev.hoist.transport.manifest.Descriptor;
import java.util.Optional;

/**
 * A registry as the destination of a copy ({@code docker://REF}): each blob {@code HEAD}ed, mounted from the
 * source's repository when both are on this registry (or from a sibling the blob-info cache names), else streamed
 * into an upload session and committed by digest; child manifests put by digest; the root put under the tag (or
 * digest) last and confirmed by one {@code HEAD}. A failed copy cancels its open upload sessions; no tag moves.
 */
final class RegistryCopyDestination implements CopyDestination {

    private final RegistryHttp http;
    private final RegistryTarget target;
    private final Blobs blobs;
    private final BlobUploader uploader;
    private final BlobInfoCache cache;
    private final Runnable onClose;

    RegistryCopyDestination(RegistryHttp http, RegistryTarget target, String source, BlobInfoCache cache,
                            RegistryApiSettings settings, LayerCompressor compressor, Runnable onClose) {
        this.http = http;
        this.target = target;
        this.blobs = new Blobs(http);
        this.uploader = new BlobUploader(blobs, target, source, cache, http.retry(), settings.monolithicThreshold(),
                compressor);
        this.cache = cache;
        this.onClose = onClose;
    }

    @Override
    public String display() {
        return "docker://" + target.host() + "/" + target.repository() + (target.tag().contains(":") ? "@" : ":")
                + target.tag();
    }

    @Override
    public Optional<String> currentDigest() {
        try {
            return Optional.of(new Manifests(http).resolve(target.repository(), target.tag()).digest());
        } catch (RegistryException absent) {
            if (absent.reason() == RegistryException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw absent;
        }
    }

    @Override
    public BlobResult putBlob(Descriptor descriptor, Optional<RegistryLocation> from, BlobOpener opener) {
        Optional<RegistryLocation> sameRegistry = from.filter(location -> location.host()
                .equalsIgnoreCase(target.host()) && !location.repository().equals(target.repository()));
        if (sameRegistry.isPresent()) {
            // The source's repository on this registry holds the blob: one mount request, no HEAD first (a blob the
            // repository has already is mounted all the same).
            Blobs.Mount mount = blobs.mount(target.repository(), descriptor.digest(),
                    sameRegistry.get().repository());
            if (mount instanceof Blobs.Mount.Mounted) {
                cache.rememberRepository(target.host(), descriptor.digest(), target.repository());
                return BlobResult.MOUNTED;
            }
            // The registry would not mount (another storage, or no read access there): upload it as across
            // registries.
            blobs.cancel(target.repository(), ((Blobs.Mount.Session) mount).upload());
        }
        // The copy hands over streams that check themselves (CopyDestination.putBlob): not hashed twice.
        PushedBlob put = uploader.blob(descriptor.digest(), descriptor.size(), "blob " + descriptor.digest(),
                opener::open, true);
        return put.outcome() == Outcome.EXISTS ? BlobResult.EXISTS : put.outcome() == Outcome.MOUNTED
                ? BlobResult.MOUNTED : BlobResult.COPIED;
    }

    @Override
    public void putManifest(RawManifest manifest) {
        new Manifests(http).put(target.repository(), manifest.digest(), manifest.mediaType(), manifest.bytes());
    }

    @Override
    public void commit(RawManifest root) {
        Manifests manifests = new Manifests(http);
        String digest = manifests.put(target.repository(), target.tag(), root.mediaType(), root.bytes());
        manifests.confirm(target.repository(), target.tag(), digest);
    }

    @Override
    public void abort() {
        blobs.cancelOpenSessions(target.repository());
    }

    @Override
    public void cancel() {
        http.abort();
    }


    @Override
    public void close() {
        try {
            http.close();
        } finally {
            onClose.run();
        }
    }
}
