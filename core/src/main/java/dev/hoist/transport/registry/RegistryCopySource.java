package dev.hoist.transport.registry;

import dev.hoist.distribution.Blobs;
import dev.hoist.distribution.Manifests;
import dev.hoist.distribution.RawManifest;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.push.ImageSourceException;
import dev.hoist.transport.copy.CopySource;
import dev.hoist.transport.copy.RegistryLocation;
import dev.hoist.transport.manifest.Descriptor;
import java.io.InputStream;
import java.util.Optional;

/**
 * A registry as the source of a copy ({@code docker://REF}): manifests by {@code GET} (the root by its tag or
 * digest, children by digest, each verified), blobs streamed by {@code GET} and verified while read, following
 * redirects to storage without the registry's credentials. Each blob read is remembered in the blob-info cache
 * (which repository holds which blob), so a later push or copy to the same registry can mount it.
 */
final class RegistryCopySource implements CopySource {

    private final RegistryHttp http;
    private final String repository;
    private final String reference;
    private final String display;
    private final BlobInfoCache cache;
    private final Runnable onClose;

    /**
     * @param reference the tag or {@code sha256:} digest
     * @param onClose run once when closed (the transport stops watching the client)
     */
    RegistryCopySource(RegistryHttp http, String repository, String reference, BlobInfoCache cache,
                       Runnable onClose) {
        this.http = http;
        this.repository = repository;
        this.reference = reference;
        this.display = "docker://" + http.host() + "/" + repository + (reference.contains(":") ? "@" : ":")
                + reference;
        this.cache = cache;
        this.onClose = onClose;
    }

    @Override
    public String display() {
        return display;
    }

    @Override
    public RawManifest root() {
        return new Manifests(http).get(repository, reference);
    }

    /** One {@code HEAD} (a {@code GET} only when the registry sends no digest). */
    @Override
    public dev.hoist.distribution.ManifestInfo describe() {
        return new Manifests(http).resolve(repository, reference);
    }

    /** A non-distributable layer may be absent from a registry (its {@code urls} serve it): one {@code HEAD}. */
    @Override
    public boolean hasBlob(Descriptor descriptor) {
        if (!dev.hoist.transport.manifest.MediaTypes.isNondistributable(descriptor.mediaType())) {
            return true;
        }
        return new Blobs(http).exists(repository, descriptor.digest());
    }

    @Override
    public RawManifest manifest(Descriptor descriptor) {
        RawManifest manifest = new Manifests(http).get(repository, descriptor.digest());
        if (manifest.size() != descriptor.size() && descriptor.size() >= 0) {
            throw ImageSourceException.digestMismatch(display, "manifest " + descriptor.digest(),
                    descriptor.digest() + " (" + descriptor.size() + " bytes)", manifest.digest() + " ("
                            + manifest.size() + " bytes)");
        }
        return manifest;
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) {
        InputStream in = new Blobs(http).open(repository, descriptor.digest(), descriptor.size());
        cache.rememberRepository(http.host(), descriptor.digest(), repository);
        return in;
    }

    @Override
    public Optional<RegistryLocation> registry() {
        return Optional.of(new RegistryLocation(http.host(), repository));
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
