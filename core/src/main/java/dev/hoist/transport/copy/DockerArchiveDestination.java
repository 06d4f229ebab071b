package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import static dev.hoist.api.InvalidImageReferenceException.escape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.api.ImageReference;
import dev.hoist.api.InvalidImageReferenceException;
import dev.hoist.distribution.Digests;
import dev.hoist.image.TarWriter;
import dev.hoist.push.ImageSourceException;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Writes one image as a {@code docker save} archive, {@code docker-archive:PATH[:NAME]}, which {@code docker load}
 * reads; {@code PATH} is replaced whole.
 *
 * <p>Blobs are staged as in an OCI layout ({@link LayoutCopyDestination}, so checked as there) in a directory
 * {@code .<name>.hoist-*} next to {@code PATH}. {@link #commit} takes the root, a Docker schema 2 or OCI image
 * manifest, and writes, to a temporary file renamed over {@code PATH}:
 * <ul>
 *   <li>{@code <config hex>.json}: the config, byte for byte, so the loaded image's id is the config's digest;</li>
 *   <li>{@code <diffID hex>/layer.tar} for each layer (once per diffID): the layer blob expanded when it is gzip
 *       (told by its first bytes), as it is when it is a plain tar; its sha256 must be the diffID the config's
 *       {@code rootfs.diff_ids} gives it, which is checked before anything is written. A zstd layer is refused:
 *       {@code docker load} reads gzip and plain layers only here;</li>
 *   <li>{@code manifest.json}: {@code [{"Config":"<hex>.json","RepoTags":[NAME],"Layers":["<hex>/layer.tar",…]}]},
 *       {@code RepoTags} empty without {@code NAME}.</li>
 * </ul>
 * Entries are owned by uid and gid 0 and dated at the epoch. A {@code NAME} without a tag gets {@code :latest}, as
 * skopeo gives it; one with a digest is refused (a tag is what {@code docker load} applies).
 *
 * <p>An archive holds one image: {@link #holdsIndexes()} is {@code false}, and {@link #putManifest} or a
 * {@link #commit} of an index is an error. {@link #currentDigest()} is always empty (the archive is rewritten whole).
 * {@link #abort()} and {@link #close()} remove the staging directory.
 */
public final class DockerArchiveDestination implements CopyDestination {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest image config read, in bytes. */
    private static final int MAX_CONFIG = 16 * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;

    /** How a layer blob is stored, as its first bytes tell. */
    private enum Compression { NONE, GZIP, ZSTD }

    /** A layer to write: its file in the stage, whether it is gzip, and the size it expands to. */
    private record Layer(Path file, boolean gzip, long size) {
    }

    private final Path archive;
    private final Optional<String> repoTag;
    private final String display;
    private final Path stage;
    private final LayoutCopyDestination layout;

    private DockerArchiveDestination(Path archive, Optional<String> repoTag, String display, Path stage,
                                     LayoutCopyDestination layout) {
        this.archive = archive;
        this.repoTag = repoTag;
        this.display = display;
        this.stage = stage;
        this.layout = layout;
    }

    /**
     * Checks {@code name} and makes the staging directory next to {@code archive}.
     *
     * @param name the image name {@code docker load} tags it with, such as {@code app:1}; empty for none
     * @param display the destination as written, for messages, such as {@code docker-archive:/tmp/app.tar:app:1}
     * @throws ImageSourceException when {@code name} is not an image name or has a digest, {@code archive} is a
     *         directory, its directory is missing, or the staging directory cannot be made
     */
    public static DockerArchiveDestination open(Path archive, Optional<String> name, String display) {
        Objects.requireNonNull(archive, "archive");
        Optional<String> repoTag = name.map(n -> repoTag(n, display));
        Path stage = ArchiveFiles.stage(archive, display);
        try {
            return new DockerArchiveDestination(archive, repoTag, display, stage,
                    LayoutCopyDestination.open(stage, Optional.empty(), display));
        } catch (RuntimeException e) {
            ArchiveFiles.deleteTree(stage);
            throw e;
        }
    }

    /** {@code name}, with {@code :latest} when it has no tag. */
    private static String repoTag(String name, String display) {
        ImageReference reference;
        try {
            reference = ImageReference.parse(name);
        } catch (InvalidImageReferenceException e) {
            throw ImageSourceException.invalid("The image name '" + escape(name) + "' of " + display + " is not an"
                    + " image name: " + e.getMessage(), e);
        }
        if (reference.digest().isPresent()) {
            throw ImageSourceException.invalid("The image name '" + escape(name) + "' of " + display + " has a"
                    + " digest; a docker archive names its image with a tag, such as app:1.", null);
        }
        return reference.tag().isPresent() ? name : name + ":latest";
    }

    @Override
    public String display() {
        return display;
    }

    /** Always empty: the archive is rewritten whole. */
    @Override
    public Optional<String> currentDigest() {
        return Optional.empty();
    }

    /** {@code false}: a docker archive holds one image. */
    @Override
    public boolean holdsIndexes() {
        return false;
    }

    /** Stages the blob, as {@link LayoutCopyDestination#putBlob} writes it. */
    @Override
    public BlobResult putBlob(Descriptor descriptor, Optional<RegistryLocation> from, BlobOpener opener) {
        return layout.putBlob(descriptor, from, opener);
    }

    /**
     * Always refused: only an index names child manifests.
     *
     * @throws ImageSourceException always
     */
    @Override
    public void putManifest(RawManifest manifest) {
        throw indexRefused();
    }

    private ImageSourceException indexRefused() {
        return ImageSourceException.invalid("The destination " + display + " holds one image, not an index of"
                + " several (a multi-platform image); copy one platform's manifest, or write oci: or oci-archive:.",
                null);
    }

    /**
     * Writes the archive (see the class comment) and renames it over {@code PATH}, then removes the staging
     * directory.
     *
     * @throws ImageSourceException when {@code root} is an index; when it is not an image manifest, its config or a
     *         layer was not put, a layer is zstd, or its layers do not expand to the config's diffIDs (reason
     *         {@code DIGEST_MISMATCH}); when the archive cannot be written ({@code PATH} is then as it was)
     */
    @Override
    public void commit(RawManifest root) {
        JsonNode manifest = json(root.bytes(), "manifest " + root.digest());
        if (MediaTypes.isIndex(root.mediaType()) || manifest.has("manifests")) {
            throw indexRefused();
        }
        if (!manifest.path("config").isObject() || !manifest.path("layers").isArray()) {
            throw ImageSourceException.invalid("The manifest " + root.digest() + " copied to " + display + " is not"
                    + " an image manifest (it has no config or no layers).", null);
        }
        Descriptor config = descriptor(manifest.get("config"), root.digest());
        byte[] configBytes = readConfig(config);
        List<Descriptor> layers = new ArrayList<>();
        manifest.get("layers").forEach(layer -> layers.add(descriptor(layer, root.digest())));
        List<String> diffIds = diffIds(configBytes, config, layers.size());
        Map<String, Layer> files = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!files.containsKey(diffIds.get(i))) {
                files.put(diffIds.get(i), checkedLayer(i + 1, layers.get(i), diffIds.get(i)));
            }
        }
        ObjectNode image = JSON.createObjectNode().put("Config", hex(config.digest()) + ".json");
        ArrayNode tags = image.putArray("RepoTags");
        repoTag.ifPresent(tags::add);
        ArrayNode layerPaths = image.putArray("Layers");
        diffIds.forEach(diffId -> layerPaths.add(hex(diffId) + "/layer.tar"));
        ArchiveFiles.writeAtomically(archive, display, tar -> {
            tar.addFile(hex(config.digest()) + ".json", configBytes);
            for (Map.Entry<String, Layer> layer : files.entrySet()) {
                tar.addDirectory(hex(layer.getKey()) + "/");
                try (InputStream in = open(layer.getValue())) {
                    tar.addFile(hex(layer.getKey()) + "/layer.tar", layer.getValue().size(), in);
                }
            }
            tar.addFile("manifest.json", JSON.writeValueAsBytes(JSON.createArrayNode().add(image)));
        });
        ArchiveFiles.deleteTree(stage);
    }

    /** Removes the staging directory; {@code PATH} is left as it was. */
    @Override
    public void cancel() {
        layout.cancel();
    }

    @Override
    public void abort() {
        layout.abort();
        ArchiveFiles.deleteTree(stage);
    }

    /** Removes the staging directory. */
    @Override
    public void close() {
        layout.close();
        ArchiveFiles.deleteTree(stage);
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    private JsonNode json(byte[] bytes, String what) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException notJson) {
            // refused below
        }
        throw ImageSourceException.invalid("The " + what + " copied to " + display + " is not a JSON object.", null);
    }

    private Descriptor descriptor(JsonNode node, String manifest) {
        String digest = node.path("digest").asText("");
        long size = node.path("size").asLong(-1);
        if (!Descriptor.isSha256(digest) || size < 0) {
            throw ImageSourceException.invalid("A descriptor in manifest " + manifest + " copied to " + display
                    + " has no valid sha256 digest and size.", null);
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, size);
    }

    /** The staged file of a blob the root names; refused when it was not put. */
    private Path staged(Descriptor blob, String what) {
        Path file = layout.blobFile(blob);
        if (!Files.isRegularFile(file)) {
            throw ImageSourceException.invalid("The " + what + " " + blob.digest() + " was not copied to " + display
                    + (MediaTypes.isNondistributable(blob.mediaType()) ? " (a non-distributable layer, which the source"
                    + " lacks); a docker archive needs every layer." : "; a docker archive needs every blob."), null);
        }
        return file;
    }

    private byte[] readConfig(Descriptor config) {
        if (config.size() > MAX_CONFIG) {
            throw ImageSourceException.invalid("The image config " + config.digest() + " copied to " + display
                    + " is larger than " + MAX_CONFIG + " bytes.", null);
        }
        try {
            return Files.readAllBytes(staged(config, "image config"));
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read the staged image config of " + display + ": "
                    + escape(String.valueOf(e.getMessage())) + ".", e);
        }
    }

    /** The config's {@code rootfs.diff_ids}, one per layer. */
    private List<String> diffIds(byte[] configBytes, Descriptor config, int layers) {
        List<String> diffIds = new ArrayList<>();
        json(configBytes, "image config " + config.digest()).path("rootfs").path("diff_ids")
                .forEach(d -> diffIds.add(d.asText("")));
        if (diffIds.size() != layers || !diffIds.stream().allMatch(Digests::isSha256)) {
            throw ImageSourceException.invalid("The image config " + config.digest() + " copied to " + display
                    + " lists " + diffIds.size() + " sha256 layer diffIDs but its manifest names " + layers
                    + " layers.", null);
        }
        return diffIds;
    }

    /** Reads layer {@code number} through once, checking that it expands to {@code diffId}. */
    private Layer checkedLayer(int number, Descriptor blob, String diffId) {
        Path file = staged(blob, "layer");
        Compression compression = compression(file);
        if (compression == Compression.ZSTD) {
            throw ImageSourceException.invalid("Layer " + number + " (" + blob.digest() + ") copied to " + display
                    + " is zstd-compressed, which Hoist does not write into a docker archive (docker load reads gzip"
                    + " and plain layers there); write oci: or oci-archive: instead.", null);
        }
        if (compression == Compression.NONE) {
            // The staged bytes were checked against the blob's digest: a plain layer's diffID is that digest.
            if (!blob.digest().equals(diffId)) {
                throw ImageSourceException.diffIdMismatch(display, number, blob.digest(), diffId, blob.digest());
            }
            return new Layer(file, false, blob.size());
        }
        Layer layer = new Layer(file, true, -1);
        MessageDigest hash = Digests.sha256();
        long size = 0;
        try (InputStream in = open(layer)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                hash.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw ImageSourceException.invalid("Layer " + number + " (" + blob.digest() + ") copied to " + display
                    + " is not valid gzip: " + escape(String.valueOf(e.getMessage())) + ".", e);
        }
        String actual = Digests.format(hash.digest());
        if (!actual.equals(diffId)) {
            throw ImageSourceException.diffIdMismatch(display, number, blob.digest(), diffId, actual);
        }
        return new Layer(file, true, size);
    }

    private Compression compression(Path file) {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read a staged layer of " + display + ": "
                    + escape(String.valueOf(e.getMessage())) + ".", e);
        }
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return Compression.GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return Compression.ZSTD;
        }
        return Compression.NONE;
    }

    /** The layer's tar: the file expanded when it is gzip. */
    private static InputStream open(Layer layer) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(layer.file()), BUFFER);
        if (!layer.gzip()) {
            return in;
        }
        try {
            return new GZIPInputStream(in, BUFFER);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
