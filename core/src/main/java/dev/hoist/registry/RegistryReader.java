package dev.hoist.registry;

import dev.hoist.distribution.Blobs;
import dev.hoist.distribution.ManifestInfo;
import dev.hoist.distribution.Manifests;
import dev.hoist.distribution.RawManifest;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.distribution.Tags;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.RegistryException;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.ManifestDocument;
import dev.hoist.push.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The reads and deletes of one registry repository, over one {@link RegistryHttp}: what
 * {@link ContainerRegistry}'s read methods do once the reference is parsed, owned and given credentials.
 */
final class RegistryReader {

    /** A config blob is read whole, up to this size. */
    private static final long MAX_CONFIG = 16L * 1024 * 1024;

    private final RegistryHttp http;
    private final String repository;
    private final String display;

    /**
     * @param display the reference as it was asked for, for messages
     */
    RegistryReader(RegistryHttp http, String repository, String display) {
        this.http = http;
        this.repository = repository;
        this.display = display;
    }

    /** The digest under {@code reference}: HEAD first; with a platform, the index's entry for it. */
    ManifestSummary digest(String reference, Optional<Platform> platform) {
        Manifests manifests = new Manifests(http);
        if (platform.isEmpty()) {
            ManifestInfo info = manifests.resolve(repository, reference);
            return new ManifestSummary(display, info.digest(), info.mediaType(), info.size());
        }
        RawManifest root = manifests.get(repository, reference);
        Descriptor child = entry(root, platform.get());
        return new ManifestSummary(display, child.digest(), child.mediaType(), child.size());
    }

    /** The manifest's exact bytes: the root, or with a platform the index's child for it. */
    RawManifest manifest(String reference, Optional<Platform> platform) {
        Manifests manifests = new Manifests(http);
        RawManifest root = manifests.get(repository, reference);
        if (platform.isEmpty()) {
            return root;
        }
        Descriptor child = entry(root, platform.get());
        if (child.digest().equals(root.digest())) {
            return root; // a single image of that platform
        }
        RawManifest fetched = manifests.get(repository, child.digest());
        return fetched.mediaType().isEmpty() ? new RawManifest(fetched.digest(), child.mediaType(), fetched.bytes())
                : fetched;
    }

    ImageDescription inspect(String reference, Optional<Platform> platform) {
        RawManifest manifest = manifest(reference, platform);
        ManifestDocument document = document(manifest);
        List<ImageDescription.PlatformManifest> platforms = document.entries().stream()
                .map(entry -> new ImageDescription.PlatformManifest(
                        entry.platform().map(Platform::os).orElse(""),
                        entry.platform().map(Platform::architecture).orElse(""),
                        entry.platform().flatMap(Platform::variant), entry.descriptor().digest())).toList();
        List<ImageDescription.Layer> layers = document.layers().stream()
                .map(layer -> new ImageDescription.Layer(layer.digest(), layer.size(), layer.mediaType())).toList();
        return new ImageDescription(display, manifest.digest(), manifest.mediaType(), manifest.size(), platforms,
                layers, document.config().map(Descriptor::digest));
    }

    /** The image config's exact bytes, verified against its digest. */
    byte[] config(String reference, Optional<Platform> platform) {
        RawManifest manifest = manifest(reference, platform);
        ManifestDocument document = document(manifest);
        if (document.isIndex()) {
            throw ImageSourceException.invalid(display + " is an index of " + document.entries().size()
                    + " manifests (" + document.platforms() + ") and has no config of its own: pick one with"
                    + " --platform.", null);
        }
        Descriptor config = document.config().orElseThrow();
        if (config.size() > MAX_CONFIG) {
            throw RegistryException.unexpected("The config of " + display + " is " + config.size() + " bytes, more"
                    + " than the " + MAX_CONFIG + " Hoist reads whole.", 0, List.of());
        }
        return readBlob(config);
    }

    /** A small blob's bytes, read whole and verified; a body cut on the way is read again as retries allow. */
    private byte[] readBlob(Descriptor config) {
        return http.retry().run(http.host(), "GET " + repository + " blob " + config.digest(), attempt -> {
            try (InputStream in = new Blobs(http).open(repository, config.digest(), config.size())) {
                return in.readAllBytes();
            } catch (IOException e) {
                dev.hoist.push.RegistryConnectionException failure = dev.hoist.push.RegistryConnectionException
                        .unreachable("GET of the config " + config.digest() + " of " + display + " failed while"
                                + " it was read: " + e.getMessage() + ".", e);
                // A body cut on the way is read again from the start, as the retry policy allows.
                throw new dev.hoist.distribution.RetryPolicy.Transient(String.valueOf(e.getMessage()),
                        Optional.empty(), failure);
            }
        });
    }

    List<String> tags() {
        return new Tags(http).list(repository, Tags.PAGE);
    }

    /** Resolves a tag to its digest (HEAD), then deletes the manifest by digest. */
    ManifestSummary delete(String reference) {
        Manifests manifests = new Manifests(http);
        ManifestInfo info = manifests.resolve(repository, reference);
        manifests.delete(repository, info.digest());
        return new ManifestSummary(display, info.digest(), info.mediaType(), info.size());
    }

    /**
     * The manifest for {@code platform}: an index's entry for it, or a single image itself when its config names
     * that platform.
     */
    private Descriptor entry(RawManifest root, Platform platform) {
        ManifestDocument document = document(root);
        if (document.isIndex()) {
            return document.entryFor(platform, display).descriptor();
        }
        Optional<Platform> own = Optional.empty();
        if (document.config().isPresent() && document.config().get().size() <= MAX_CONFIG) {
            Descriptor config = document.config().get();
            own = ManifestDocument.platformOfConfig(readBlob(config));
        }
        if (own.isPresent() && platform.matches(own.get())) {
            return new Descriptor(root.mediaType(), root.digest(), root.size());
        }
        throw RegistryException.notFound(display + " is a single image" + own.map(p -> " for " + p).orElse("")
                + ", not an index of platforms, and has no manifest for platform " + platform + ".", 0, List.of());
    }

    private ManifestDocument document(RawManifest manifest) {
        try {
            return ManifestDocument.parse(manifest.mediaType(), manifest.bytes());
        } catch (IllegalArgumentException unreadable) {
            throw RegistryException.unexpected("The manifest " + manifest.digest() + " of " + display + " cannot be"
                    + " read: " + unreadable.getMessage() + ".", 0, List.of());
        }
    }
}
