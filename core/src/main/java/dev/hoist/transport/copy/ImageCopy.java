package dev.hoist.transport.copy;

import dev.hoist.distribution.ManifestInfo;
import dev.hoist.distribution.RawManifest;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushCancelledException;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushProgress;
import dev.hoist.push.RegistryException;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.ManifestDocument;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.push.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One copy from a {@link CopySource} to a {@link CopyDestination}, byte for byte: the manifests and index keep their
 * exact bytes, so the destination's digest is the source's. Steps, in this order:
 * <ol>
 *   <li>the root manifest or index; with platforms, the children they select (one platform: that child as it is;
 *       several: a new index of just those entries);</li>
 *   <li>the destination's current digest: when it is the root's, nothing is copied ("already there");</li>
 *   <li>every blob of every selected manifest, each digest once, in parallel; a non-distributable layer the source
 *       lacks is left out (its descriptor's {@code urls} serve it);</li>
 *   <li>the child manifests, by digest; then the root, under the destination's name.</li>
 * </ol>
 * A failure stops the other blobs and aborts the destination: no name points at a manifest whose blobs are missing.
 */
public final class ImageCopy {

    private static final Logger LOG = LoggerFactory.getLogger(ImageCopy.class);

    /**
     * What a copy did.
     *
     * @param digest the digest of the root now under the destination's name
     * @param mediaType its media type
     * @param size its size in bytes
     * @param blobs each blob once, in the order the manifests name them
     * @param bytesCopied the sizes of the blobs whose bytes were sent
     * @param alreadyThere whether the destination held the digest already, so nothing was copied
     * @param layers the layers as a push reports them: one per layer of each manifest, in its order (a layer named
     *        twice listed twice; for an index each platform's in turn), configs left out
     */
    public record Outcome(String digest, String mediaType, long size, List<CopiedBlob> blobs, long bytesCopied,
                          boolean alreadyThere, List<CopiedBlob> layers) {

        /** Copies the lists. */
        public Outcome {
            blobs = List.copyOf(blobs);
            layers = List.copyOf(layers);
        }

        /**
         * This copy as a push reports it ({@code hoist push --from docker://…} or {@code oci-archive:}): its layers,
         * {@code copied} as {@code uploaded}.
         *
         * @param image the pushed reference
         * @param millis how long it took
         */
        public dev.hoist.push.PushResult toPushResult(String image, long millis) {
            return new dev.hoist.push.PushResult(image, digest, mediaType, size, dev.hoist.push.PushResult.REGISTRY_API,
                    layers.stream().map(layer -> new dev.hoist.push.PushResult.LayerResult(layer.digest(),
                            layer.size(), layer.result() == null ? dev.hoist.push.PushResult.Outcome.SKIPPED
                            : layer.result().asPush())).toList(), bytesCopied, millis);
        }
    }

    /**
     * A blob of a copy.
     *
     * @param digest its digest
     * @param size its size in bytes
     * @param result what the destination did with it
     */
    public record CopiedBlob(String digest, long size, CopyDestination.BlobResult result) {
    }

    /** The transport a copy names in {@link PushEvent.PushStarted}: progress says "copy", not "push". */
    public static final String COPY = "copy";

    private final Executor executor;
    private final PushProgress progress;

    /**
     * @param executor where blobs are copied, several at once (a pool of the registry-API {@code parallelism})
     * @param progress where the copy reports: each blob as a layer of a push
     */
    public ImageCopy(Executor executor, PushProgress progress) {
        this.executor = executor;
        this.progress = progress;
    }

    /**
     * Copies the image.
     *
     * @param platforms the platforms to copy from an index; empty for all (the index byte for byte)
     * @throws RegistryException {@code NOT_FOUND} when a platform is not in the source (naming those it has)
     * @throws ImageSourceException when the destination cannot hold the source (an index into a
     *         {@code docker-archive:}) or the source's manifests cannot be read
     * @throws dev.hoist.push.PushException typed, for every failure of either end
     */
    public Outcome copy(CopySource source, CopyDestination destination, List<Platform> platforms) {
        try {
            return copyOrFail(source, destination, platforms);
        } catch (RuntimeException failed) {
            // Every blob task ended (copyOrFail drains them): drop what the destination staged, as a layout it made.
            destination.abort();
            throw failed;
        }
    }

    private Outcome copyOrFail(CopySource source, CopyDestination destination, List<Platform> platforms) {
        if (platforms.isEmpty()) {
            // HEAD both ends first: an unchanged re-copy reads nothing more (no manifest GET, no pull counted).
            ManifestInfo head = source.describe();
            Optional<String> current = destination.currentDigest();
            if (!head.digest().isEmpty() && current.isPresent() && current.get().equals(head.digest())) {
                LOG.info("{} holds {} already; nothing to copy", destination.display(), head.digest());
                progress.started(COPY, List.of());
                return new Outcome(head.digest(), head.mediaType(), head.size(), List.of(), 0, true, List.of());
            }
        }
        RawManifest root = source.root();
        ManifestDocument document = parse(source, root);
        if (!platforms.isEmpty()) {
            root = select(source, root, document, platforms);
            document = parse(source, root);
        }
        if (document.isIndex() && !destination.holdsIndexes()) {
            throw ImageSourceException.invalid(source.display() + " is an index of " + document.entries().size()
                    + " manifests (" + document.platforms() + "), and " + destination.display() + " holds one image:"
                    + " pick one with --platform.", null);
        }
        if (!platforms.isEmpty()) {
            Optional<String> current = destination.currentDigest();
            if (current.isPresent() && current.get().equals(root.digest())) {
                LOG.info("{} holds {} already; nothing to copy", destination.display(), root.digest());
                progress.started(COPY, List.of());
                return new Outcome(root.digest(), root.mediaType(), root.size(), List.of(), 0, true, List.of());
            }
        }
        List<RawManifest> children = new ArrayList<>();
        Map<String, Descriptor> blobs = new LinkedHashMap<>();
        List<Descriptor> layerOrder = new ArrayList<>();
        collect(source, document, children, blobs, layerOrder);
        progress.started(COPY, blobs.values().stream()
                .map(blob -> new PushEvent.Layer(blob.digest(), blob.size())).toList());
        BlobTasks tasks = new BlobTasks(executor, () -> cut(source, destination));
        List<CopiedBlob> copied;
        try {
            copied = copyBlobs(source, destination, List.copyOf(blobs.values()), tasks);
            for (RawManifest child : children) {
                destination.putManifest(child);
            }
            destination.commit(root);
        } catch (RuntimeException failed) {
            // Stop what still runs and wait for it to end: nothing writes after the destination's abort().
            cut(source, destination);
            tasks.drain();
            throw failed;
        }
        progress.manifest(root.digest());
        long bytes = copied.stream().filter(blob -> blob.result() == CopyDestination.BlobResult.COPIED)
                .mapToLong(CopiedBlob::size).sum();
        Map<String, CopiedBlob> byDigest = new java.util.HashMap<>();
        copied.forEach(blob -> byDigest.put(blob.digest(), blob));
        List<CopiedBlob> layers = layerOrder.stream().map(layer -> byDigest.getOrDefault(layer.digest(),
                new CopiedBlob(layer.digest(), layer.size(), null))).toList();
        return new Outcome(root.digest(), root.mediaType(), root.size(), copied, bytes, false, layers);
    }

    private static void cut(CopySource source, CopyDestination destination) {
        source.cancel();
        destination.cancel();
    }

    /** The child of an index that one platform selects, or a new index of those several select. */
    private RawManifest select(CopySource source, RawManifest root, ManifestDocument document,
                               List<Platform> platforms) {
        if (!document.isIndex()) {
            // A single image is copied when its config names every platform asked for (then there is one).
            Optional<Platform> own = document.config().flatMap(config -> {
                try (InputStream in = source.openBlob(config)) {
                    return ManifestDocument.platformOfConfig(in.readNBytes((int) Math.min(config.size(), 16 << 20)));
                } catch (IOException unreadable) {
                    return Optional.empty();
                }
            });
            if (own.isPresent() && platforms.stream().allMatch(platform -> platform.matches(own.get()))) {
                return root;
            }
            throw RegistryException.notFound(source.display() + " is a single image" + own.map(p -> " for " + p)
                    .orElse("") + ", not an index of platforms, and has no manifest for platform "
                    + platforms.get(0) + ".", 0, List.of());
        }
        List<String> chosen = new ArrayList<>();
        for (Platform platform : platforms) {
            String digest = document.entryFor(platform, source.display()).descriptor().digest();
            if (!chosen.contains(digest)) {
                chosen.add(digest);
            }
        }
        if (chosen.size() == 1) {
            ManifestDocument.Entry entry = document.entries().stream()
                    .filter(e -> e.descriptor().digest().equals(chosen.get(0))).findFirst().orElseThrow();
            return source.manifest(withType(entry.descriptor(), root));
        }
        return RawManifest.of(root.mediaType(), ManifestDocument.narrowed(root.bytes(), chosen));
    }

    private static Descriptor withType(Descriptor child, RawManifest parent) {
        if (!child.mediaType().isEmpty()) {
            return child;
        }
        return child.withMediaType(parent.mediaType().equals(MediaTypes.DOCKER_MANIFEST_LIST)
                ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST);
    }

    private static void collect(CopySource source, ManifestDocument document, List<RawManifest> children,
                                Map<String, Descriptor> blobs, List<Descriptor> layerOrder) {
        if (document.isIndex()) {
            for (ManifestDocument.Entry entry : document.entries()) {
                RawManifest child = source.manifest(entry.descriptor());
                ManifestDocument parsed = parse(source, child.mediaType().isEmpty()
                        ? new RawManifest(child.digest(), entry.descriptor().mediaType(), child.bytes()) : child);
                collect(source, parsed, children, blobs, layerOrder);
                children.add(child);
            }
            return;
        }
        layerOrder.addAll(document.layers());
        for (Descriptor blob : document.blobs()) {
            if (MediaTypes.isNondistributable(blob.mediaType()) && !source.hasBlob(blob)) {
                LOG.info("Leaving out non-distributable layer {} of {}: the source does not hold it (its urls serve"
                        + " it)", blob.digest(), source.display());
                continue;
            }
            blobs.putIfAbsent(blob.digest(), blob);
        }
    }

    private static ManifestDocument parse(CopySource source, RawManifest manifest) {
        try {
            return ManifestDocument.parse(manifest.mediaType(), manifest.bytes());
        } catch (IllegalArgumentException unreadable) {
            throw ImageSourceException.invalid("The manifest " + manifest.digest() + " of " + source.display()
                    + " cannot be read: " + unreadable.getMessage() + ".", null);
        }
    }

    private List<CopiedBlob> copyBlobs(CopySource source, CopyDestination destination, List<Descriptor> blobs,
                                       BlobTasks tasks) {
        AtomicBoolean failed = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> first = new java.util.concurrent.atomic
                .AtomicReference<>();
        List<CompletableFuture<CopiedBlob>> futures = new ArrayList<>();
        for (Descriptor blob : blobs) {
            futures.add(tasks.supply(() -> {
                if (failed.get()) {
                    throw new PushCancelledException("Another blob of the copy failed", null);
                }
                try {
                    progress.checking(blob.digest());
                    CopyDestination.BlobResult result = destination.putBlob(blob, source.registry(),
                            () -> counting(source, blob));
                    switch (result) {
                        case EXISTS -> progress.exists(blob.digest(), blob.digest(), blob.size());
                        case MOUNTED -> progress.mounted(blob.digest(), blob.digest(),
                                source.registry().map(RegistryLocation::repository).orElse(null));
                        case COPIED -> progress.done(blob.digest(), blob.digest(), blob.size());
                    }
                    return new CopiedBlob(blob.digest(), blob.size(), result);
                } catch (RuntimeException e) {
                    if (!failed.getAndSet(true)) {
                        first.set(e);
                        cut(source, destination); // the first failure stops the other blobs
                    }
                    progress.failed(blob.digest(), e);
                    throw e;
                }
            }));
        }
        try {
            tasks.awaitAll(futures);
        } catch (RuntimeException e) {
            // The blobs that the first failure cut fail too; that first failure is the one to report.
            RuntimeException cause = first.get();
            throw cause != null && !Thread.currentThread().isInterrupted() ? cause : e;
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** The blob's bytes, checked against its descriptor as they are read (once: a registry's stream checks itself). */
    private InputStream counting(CopySource source, Descriptor blob) throws IOException {
        InputStream raw = source.openBlob(blob);
        InputStream checked = raw instanceof dev.hoist.distribution.VerifyingInputStream ? raw
                : new dev.hoist.distribution.VerifyingInputStream(raw, source.display() + " blob " + blob.digest(),
                blob.digest(), blob.size(), (expected, actual) -> ImageSourceException.digestMismatch(
                source.display(), "blob " + blob.digest(), expected, actual));
        return progress.counting(blob.digest(), blob.size(), new SourceStream(checked, source.display(), blob));
    }

    /**
     * A blob's stream whose read failures name the source: read inside the destination's upload, a cut source
     * would otherwise read as a failure of the destination's request.
     */
    private static final class SourceStream extends java.io.FilterInputStream {
        private final String source;
        private final Descriptor blob;

        SourceStream(InputStream in, String source, Descriptor blob) {
            super(in);
            this.source = source;
            this.blob = blob;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private RuntimeException failed(IOException e) {
            return dev.hoist.push.RegistryConnectionException.unreachable("Reading blob " + blob.digest() + " from "
                    + source + " failed: " + e.getMessage() + ". Copy again: blobs already at the destination are"
                    + " skipped.", e);
        }
    }
}
