package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import static dev.hoist.api.InvalidImageReferenceException.escape;

import dev.hoist.distribution.Digests;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSource;
import dev.hoist.push.ImageSourceException;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.DockerManifest;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.transport.compress.LayerCompressor;
import dev.hoist.transport.source.DockerArchiveFile;
import dev.hoist.transport.source.DockerSaveManifest;
import dev.hoist.transport.source.ImageSourceOpener;
import dev.hoist.transport.source.TarPaths;
import dev.hoist.transport.source.TarStream;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads an image from a {@code docker save} archive ({@code docker-archive:PATH[:NAME]}, plain or gzip) or from the
 * Docker engine ({@code docker-daemon:NAME}) and presents it as a Docker schema 2 manifest
 * ({@link MediaTypes#DOCKER_MANIFEST}, the bytes {@link DockerManifest#toBytes()} gives, as a push from the same
 * source would make them) whose layers are gzip blobs.
 *
 * <p>{@link #open} reads the archive or the engine's save stream once, front to back: entries of up to 1 MiB are kept
 * in memory, larger ones are gzip-compressed once ({@link LayerCompressor}: a layer that is gzip already is kept as
 * it is) into a spool directory, {@code hoist-copy-*} under the system's temporary directory, which {@link #close()}
 * deletes. Each layer's diffID (the digest of its tar) is checked against the config's {@code rootfs.diff_ids}, and
 * the engine's image id against the config's digest, before {@link #open} returns. The config's bytes are kept
 * exactly, so the image id stays.
 *
 * <p>Safe for several threads: every {@link #openBlob} opens its own stream.
 */
public final class DockerCopySource implements CopySource {

    /** Entries up to this size are kept in memory (configs, manifest.json, small layers). */
    private static final int SMALL_ENTRY = 1024 * 1024;
    /** The largest image config read. */
    private static final int MAX_CONFIG = 16 * 1024 * 1024;

    private final String display;
    private final Path spool;
    private final RawManifest root;
    private final String configDigest;
    private final byte[] config;
    private final Map<String, Path> layers;

    private DockerCopySource(String display, Path spool, RawManifest root, String configDigest, byte[] config,
                             Map<String, Path> layers) {
        this.display = display;
        this.spool = spool;
        this.root = root;
        this.configDigest = configDigest;
        this.config = config;
        this.layers = layers;
    }

    /**
     * Reads the image and spools its layers.
     *
     * @param source a {@link ImageSource.Kind#DOCKER_ARCHIVE} or {@link ImageSource.Kind#DOCKER_DAEMON} source
     * @param opener gives the engine, asked for only for a {@code docker-daemon:} source
     * @param compressor compresses the layers that are not gzip already
     * @return the source, which the caller closes (that deletes the spool)
     * @throws ImageSourceException when the archive or stream is not a docker save archive, lacks the image or a
     *         part of it, or a layer is not the diffID its config gives ({@code DIGEST_MISMATCH}), or the spool
     *         cannot be written
     * @throws dev.hoist.push.EngineException when the engine fails
     * @throws IllegalArgumentException for any other kind of source
     */
    public static DockerCopySource open(ImageSource source, ImageSourceOpener opener, LayerCompressor compressor) {
        Objects.requireNonNull(opener, "opener");
        Objects.requireNonNull(compressor, "compressor");
        String display = source.display();
        Optional<String> name;
        String imageId = null;
        Path file = null;
        InputStream stream;
        switch (source.kind()) {
            case DOCKER_ARCHIVE -> {
                file = source.path().orElseThrow();
                name = source.reference();
                stream = archiveStream(file, display);
            }
            case DOCKER_DAEMON -> {
                DockerEngine.SavedImage saved = opener.engine().saveImage(source.imageName().orElseThrow());
                name = Optional.empty();
                imageId = saved.id();
                stream = saved.stream();
            }
            default -> throw new IllegalArgumentException("Not a docker source: " + display);
        }
        Path spool;
        try {
            spool = Files.createTempDirectory("hoist-copy-");
        } catch (IOException e) {
            closeQuietly(stream);
            throw ImageSourceException.invalid("Cannot make a spool directory to copy " + display + " from: "
                    + escape(String.valueOf(e.getMessage())) + ".", e);
        }
        try {
            return new Reader(display, spool, compressor).read(stream, file, name, imageId);
        } catch (RuntimeException | Error e) {
            ArchiveFiles.deleteTree(spool);
            throw e;
        }
    }

    private static InputStream archiveStream(Path file, String display) {
        boolean gzip = DockerArchiveFile.isGzip(file, display);
        try {
            InputStream in = Files.newInputStream(file);
            return gzip ? new GZIPInputStream(in, 64 * 1024) : in;
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read the archive " + display + ": "
                    + escape(String.valueOf(e.getMessage())) + ".", e);
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // nothing was read
        }
    }

    /** One pass over a save stream. */
    private static final class Reader {
        private final String display;
        private final Path spool;
        private final LayerCompressor compressor;
        private final Map<String, byte[]> small = new HashMap<>();
        private final Map<String, Spooled> spooled = new HashMap<>();
        private final Map<String, String> links = new HashMap<>();

        private record Spooled(Path file, LayerCompressor.CompressedLayer layer) {
        }

        Reader(String display, Path spool, LayerCompressor compressor) {
            this.display = display;
            this.spool = spool;
            this.compressor = compressor;
        }

        DockerCopySource read(InputStream stream, Path file, Optional<String> name, String imageId) {
            TarStream.read(stream, display, (entry, size, content) -> {
                if (size <= SMALL_ENTRY) {
                    small.put(entry, content.readAllBytes());
                } else {
                    spooled.put(entry, spool(content));
                }
            }, links);
            byte[] manifestJson = entry("manifest.json", MAX_CONFIG).orElseThrow(() -> DockerArchiveFile
                    .withoutManifest(file, display, has("oci-layout") && has("index.json")));
            DockerSaveManifest image = DockerSaveManifest.select(manifestJson, name, display);
            byte[] config = entry(image.config(), MAX_CONFIG).orElseThrow(() -> ImageSourceException.invalid(
                    "The archive " + display + " is missing the image config " + image.config() + " that its"
                            + " manifest.json names.", null));
            String configDigest = Digests.sha256(config);
            if (imageId != null && !imageId.equals(configDigest)) {
                throw ImageSourceException.digestMismatch(display, "image config", imageId, configDigest);
            }
            List<String> diffIds = image.diffIds(config, display);
            Map<String, Path> blobs = new LinkedHashMap<>();
            List<Descriptor> descriptors = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                String path = TarPaths.resolve(image.layers().get(i), links, display);
                Spooled layer = spooled.get(path);
                if (layer == null) {
                    byte[] bytes = small.get(path);
                    if (bytes == null) {
                        throw ImageSourceException.invalid("The archive " + display + " is missing "
                                + image.layers().get(i) + ", which its manifest.json names.", null);
                    }
                    try {
                        layer = spool(new ByteArrayInputStream(bytes));
                    } catch (IOException impossible) { // reading bytes in memory; writes fail typed
                        throw new java.io.UncheckedIOException(impossible);
                    }
                    spooled.put(path, layer);
                }
                if (!layer.layer().diffId().equals(diffIds.get(i))) {
                    throw ImageSourceException.digestMismatch(display, "layer " + (i + 1) + " ("
                            + image.layers().get(i) + ")", diffIds.get(i), layer.layer().diffId());
                }
                blobs.put(layer.layer().digest(), layer.file());
                descriptors.add(new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, layer.layer().digest(),
                        layer.layer().size()));
            }
            for (Spooled unused : spooled.values()) {
                if (!blobs.containsValue(unused.file())) {
                    ArchiveFiles.deleteTree(unused.file());
                }
            }
            byte[] manifest = DockerManifest.of(configDigest, config.length, descriptors).toBytes();
            return new DockerCopySource(display, spool, RawManifest.of(MediaTypes.DOCKER_MANIFEST, manifest),
                    configDigest, config, Map.copyOf(blobs));
        }

        private boolean has(String entry) {
            String path = TarPaths.resolve(entry, links, display);
            return small.containsKey(path) || spooled.containsKey(path);
        }

        /** A file of the archive, of at most {@code max} bytes: kept in memory, or expanded back from the spool. */
        private Optional<byte[]> entry(String entry, int max) {
            String path = TarPaths.resolve(entry, links, display);
            if (small.containsKey(path)) {
                return Optional.of(small.get(path));
            }
            Spooled big = spooled.get(path);
            if (big == null) {
                return Optional.empty();
            }
            if (big.layer().sourceSize() > max) {
                throw ImageSourceException.invalid("The entry " + entry + " of " + display + " is "
                        + big.layer().sourceSize() + " bytes, more than the " + max + " a JSON file of an image may"
                        + " have.", null);
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(big.file()))) {
                return Optional.of(in.readNBytes(max + 1));
            } catch (IOException e) {
                throw ImageSourceException.invalid("Cannot read back " + entry + " of " + display + " from the spool: "
                        + escape(String.valueOf(e.getMessage())) + ".", e);
            }
        }

        /**
         * Compresses {@code content} into a new spool file.
         *
         * @throws IOException when {@code content} cannot be read
         * @throws ImageSourceException when the spool cannot be written
         */
        private Spooled spool(InputStream content) throws IOException {
            Path file;
            OutputStream out;
            try {
                file = Files.createTempFile(spool, "layer-", ".gz");
                out = Files.newOutputStream(file);
            } catch (IOException e) {
                throw unwritable(e);
            }
            LayerCompressor.Compression compression = compressor.start(content);
            try (OutputStream spooled = new FilterOutputStream(out) {
                @Override
                public void write(byte[] data, int offset, int length) {
                    try {
                        out.write(data, offset, length);
                    } catch (IOException e) {
                        throw unwritable(e);
                    }
                }

                @Override
                public void close() {
                    try {
                        out.close();
                    } catch (IOException e) {
                        throw unwritable(e);
                    }
                }
            }) {
                compression.writeTo(spooled);
            }
            return new Spooled(file, compression.result());
        }

        private ImageSourceException unwritable(IOException cause) {
            return ImageSourceException.invalid("Cannot write the spool directory " + escape(spool.toString())
                    + " while reading " + display + ": " + escape(String.valueOf(cause.getMessage())) + ".", cause);
        }
    }

    @Override
    public String display() {
        return display;
    }

    /** The Docker schema 2 manifest of the image's config and gzip layers. */
    @Override
    public RawManifest root() {
        return root;
    }

    /**
     * Always refused: a docker image is one manifest, with no children.
     *
     * @throws ImageSourceException always
     */
    @Override
    public RawManifest manifest(Descriptor descriptor) {
        throw ImageSourceException.invalid("The source " + display + " is one image; it has no manifest "
                + descriptor.digest() + ".", null);
    }

    @Override
    public boolean hasBlob(Descriptor descriptor) {
        return descriptor.digest().equals(configDigest) || layers.containsKey(descriptor.digest());
    }

    /**
     * The config's bytes, or a spooled gzip layer.
     *
     * @throws ImageSourceException when the image has no such blob
     */
    @Override
    public InputStream openBlob(Descriptor descriptor) throws IOException {
        if (descriptor.digest().equals(configDigest)) {
            return new ByteArrayInputStream(config);
        }
        Path file = layers.get(descriptor.digest());
        if (file == null) {
            throw ImageSourceException.invalid("The image of " + display + " has no blob " + descriptor.digest() + ".",
                    null);
        }
        return Files.newInputStream(file);
    }

    /** Deletes the spool directory. */
    @Override
    public void close() {
        ArchiveFiles.deleteTree(spool);
    }
}
