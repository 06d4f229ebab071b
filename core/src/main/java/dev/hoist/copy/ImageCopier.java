package dev.hoist.copy;

import dev.hoist.api.ImageReference;
import dev.hoist.push.ImageDestination;
import dev.hoist.push.ImageSource;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.ProgressDispatcher;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushListener;
import dev.hoist.push.PushProgress;
import dev.hoist.push.PushResult;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.transport.copy.CopyDestination;
import dev.hoist.transport.copy.CopySource;
import dev.hoist.transport.copy.ImageCopy;
import dev.hoist.transport.copy.LocalEnds;
import dev.hoist.push.Platform;
import dev.hoist.transport.registry.RegistryApiTransport;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Copies images between registries, OCI layouts and archives, keeping digests: {@code hoist copy}'s Java API.
 *
 * <p>A registry end is served by the registry for its reference, the configured owner or else an implicit registry
 * for its host (as the facade's {@code copier} chooses: its credentials, TLS settings, ownership check and, for a
 * destination, its flavor's hook), so the two ends of a copy between registries each use
 * their own credentials. A whole image or index is copied byte for byte, every platform; platforms select children
 * (one: that child as it is; several: a new index of them). Blobs go first (mounted within one registry, streamed
 * across registries without touching disk, in parallel), then child manifests, then the root under the
 * destination's name: a failure leaves no name pointing at a manifest whose blobs are missing. When the destination
 * holds the source's digest already, nothing is copied.
 *
 * <p>Thread-safe; an interrupt of the calling thread cancels the copy within a second.
 */
public final class ImageCopier {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageCopier.class);

    private final Function<String, ContainerRegistry> sourceRegistry;
    private final Function<String, ContainerRegistry> destinationRegistry;
    private final RegistryApiTransport transport;
    private final LocalEnds local;

    /**
     * @param sourceRegistry the registry that serves a source reference
     * @param destinationRegistry the registry that serves a destination reference
     * @param transport the registry-API transport: its upload pool copies blobs
     * @param local opens the local ends
     */
    public ImageCopier(Function<String, ContainerRegistry> sourceRegistry,
                       Function<String, ContainerRegistry> destinationRegistry, RegistryApiTransport transport,
                       LocalEnds local) {
        this.sourceRegistry = Objects.requireNonNull(sourceRegistry, "sourceRegistry");
        this.destinationRegistry = Objects.requireNonNull(destinationRegistry, "destinationRegistry");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.local = Objects.requireNonNull(local, "local");
    }

    /**
     * Copies {@code source} to {@code destination}.
     *
     * @param platforms {@code OS/ARCH[/VARIANT]}s to select from an index; empty for the whole image
     * @param listener receives progress events as a push's (each blob as a layer), on a dispatcher thread;
     *        {@link PushListener#NONE} for none
     * @return what was copied
     * @throws ImageSourceException when the source and destination are the same, the destination cannot hold the
     *         source (an index into {@code docker-archive:} without one platform), or a local end cannot be read or
     *         written
     * @throws dev.hoist.push.InvalidImageNameException when no registry serves a reference (no configured owner and
     *         implicit registries off, or the claiming flavor refuses it), or the destination's flavor refuses it
     * @throws dev.hoist.push.RegistryException {@code NOT_FOUND} when the source has no such image or platform
     *         (naming the platforms it has), {@code DIGEST_MISMATCH} when bytes do not match their digest
     * @throws dev.hoist.push.PushException for every other failure, typed by cause
     */
    public CopyResult copy(ImageSource source, ImageDestination destination, List<Platform> platforms,
                           PushListener listener) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(listener, "listener");
        refuseSame(source, destination);
        if (isDocker(source) && destination.kind() == ImageDestination.Kind.REGISTRY) {
            return pushed(source, destination, platforms, listener);
        }
        long start = System.nanoTime();
        ImageCopy.Outcome outcome = reporting(destination.toString(), listener,
                progress -> run(source, destination, List.copyOf(platforms), progress));
        return new CopyResult(source.toString(), destination.toString(), outcome.digest(), outcome.mediaType(),
                outcome.size(), outcome.blobs().stream().map(blob -> new CopyResult.Blob(blob.digest(),
                blob.size(), blob.result().toString())).toList(), outcome.bytesCopied(), millis(start),
                outcome.alreadyThere());
    }

    /**
     * Pushes a registry's image (or an {@code oci-archive:}'s) to {@code reference} as {@code hoist push --from}
     * does: a copy of the whole image, reported as a push (its layers per manifest, {@code copied} as
     * {@code uploaded}).
     *
     * @param source {@code docker://REF}, {@code oci:} or {@code oci-archive:}
     * @param reference the destination, in the registry that owns it (or the one this copier was given)
     * @return the push's result
     * @throws dev.hoist.push.PushException typed, as {@link #copy}
     */
    public PushResult push(ImageSource source, String reference, PushListener listener) {
        Objects.requireNonNull(listener, "listener");
        ImageDestination destination = ImageDestination.registry(reference);
        refuseSame(source, destination);
        long start = System.nanoTime();
        return reporting(reference, listener, progress -> run(source, destination, List.of(), progress))
                .toPushResult(reference, millis(start));
    }

    /** Runs {@code copy} with progress going to {@code listener} on a dispatcher thread, ending in done or failed. */
    private static ImageCopy.Outcome reporting(String name, PushListener listener,
                                               java.util.function.Function<PushProgress, ImageCopy.Outcome> copy) {
        if (listener == PushListener.NONE) {
            return copy.apply(PushProgress.none());
        }
        long start = System.nanoTime();
        try (ProgressDispatcher dispatcher = new ProgressDispatcher(listener)) {
            PushProgress progress = new PushProgress(name, dispatcher);
            try {
                ImageCopy.Outcome outcome = copy.apply(progress);
                progress.emit(new PushEvent.PushDone(name, outcome.toPushResult(name, millis(start))));
                return outcome;
            } catch (RuntimeException failed) {
                progress.emit(new PushEvent.PushFailed(name, failed));
                throw failed;
            }
        }
    }

    private ImageCopy.Outcome run(ImageSource source, ImageDestination destination, List<Platform> platforms,
                                  PushProgress progress) {
        ContainerRegistry from = source.kind() == ImageSource.Kind.REGISTRY
                ? sourceRegistry.apply(source.imageName().orElseThrow()) : null;
        ContainerRegistry to = destination.kind() == ImageDestination.Kind.REGISTRY
                ? destinationRegistry.apply(destination.reference().orElseThrow()) : null;
        try (CopySource in = from != null ? from.copySource(source.imageName().orElseThrow())
                : local.source(source);
             CopyDestination out = to != null ? to.copyDestination(destination.reference().orElseThrow(),
                     source.display()) : local.destination(destination)) {
            return new ImageCopy(transport.uploads(), progress).copy(in, out, platforms);
        }
    }

    /** A docker image becomes a registry image by a push: its layers are compressed on the way. */
    private CopyResult pushed(ImageSource source, ImageDestination destination, List<Platform> platforms,
                              PushListener listener) {
        if (!platforms.isEmpty()) {
            throw ImageSourceException.invalid(source.display() + " is one image of one platform; --platform selects"
                    + " from an index, so leave it out.", null);
        }
        long start = System.nanoTime();
        String reference = destination.reference().orElseThrow();
        ContainerRegistry to = destinationRegistry.apply(reference);
        PushResult pushed = to.push(source, reference, listener);
        List<CopyResult.Blob> blobs = new java.util.ArrayList<>();
        // The config blob too, as for every copy: the push sent it when its bytes are in bytesUploaded.
        String digestReference = ImageReference.parse(reference).name() + "@" + pushed.digest();
        java.util.Optional<String> pushedConfig;
        try {
            pushedConfig = to.inspect(digestReference, java.util.Optional.empty()).config();
        } catch (dev.hoist.spi.HoistException unreadable) {
            // The push is done; a registry that will not show the manifest back only costs the config's entry.
            LOG.info("Pushed {}, but could not read its manifest back to list its config blob: {}", reference,
                    unreadable.getMessage());
            pushedConfig = java.util.Optional.empty();
        }
        pushedConfig.ifPresent(config -> {
            long layersSent = pushed.layers().stream().filter(l -> l.result() == PushResult.Outcome.UPLOADED)
                    .mapToLong(PushResult.LayerResult::size).sum();
            long configSize = pushed.bytesUploaded() - layersSent;
            blobs.add(new CopyResult.Blob(config, Math.max(configSize, 0), configSize > 0 ? "copied" : "exists"));
        });
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (PushResult.LayerResult layer : pushed.layers()) {
            if (listed.add(layer.digest())) {
                blobs.add(new CopyResult.Blob(layer.digest(), layer.size(), blobResult(layer.result())));
            }
        }
        return new CopyResult(source.toString(), destination.toString(), pushed.digest(), pushed.mediaType(),
                pushed.size(), blobs, pushed.bytesUploaded(), millis(start), false);
    }

    private static String blobResult(PushResult.Outcome outcome) {
        return switch (outcome) {
            case UPLOADED -> "copied";
            case EXISTS -> "exists";
            case MOUNTED -> "mounted";
            case SKIPPED -> "skipped";
        };
    }

    private static boolean isDocker(ImageSource source) {
        return source.kind() == ImageSource.Kind.DOCKER_ARCHIVE || source.kind() == ImageSource.Kind.DOCKER_DAEMON;
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * A copy onto itself would at best do nothing, and could rewrite a layout or archive while reading it; an
     * archive destination is rewritten whole, so any source in the same file is refused, whatever its name.
     */
    private static void refuseSame(ImageSource source, ImageDestination destination) {
        boolean same;
        if (source.kind() == ImageSource.Kind.REGISTRY && destination.kind() == ImageDestination.Kind.REGISTRY) {
            same = ImageReference.parse(source.imageName().orElseThrow()).canonical()
                    .equals(ImageReference.parse(destination.reference().orElseThrow()).canonical());
        } else if (source.path().isPresent() && destination.path().isPresent()
                && real(source.path().get()).equals(real(destination.path().get()))) {
            boolean archive = destination.kind() == ImageDestination.Kind.OCI_ARCHIVE
                    || destination.kind() == ImageDestination.Kind.DOCKER_ARCHIVE;
            same = archive || source.reference().equals(destination.name());
        } else {
            same = false;
        }
        if (same) {
            throw ImageSourceException.invalid("The source and destination of the copy are the same ("
                    + source.display() + (destination.kind() == ImageDestination.Kind.OCI_LAYOUT ? ""
                    : "; an archive destination is rewritten whole") + "); name another destination.", null);
        }
    }

    /** The file's real path when it exists (links resolved), else its absolute normal form. */
    private static java.nio.file.Path real(java.nio.file.Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException missing) {
            return path.toAbsolutePath().normalize();
        }
    }
}
