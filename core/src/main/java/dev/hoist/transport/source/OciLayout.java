package dev.hoist.transport.source;

import dev.hoist.distribution.Digests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.push.ImageSourceException;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI image layout directory (image-spec {@code image-layout.md}): {@code oci-layout}, {@code index.json} and
 * {@code blobs/<alg>/<hex>}. {@link #read} picks an entry of {@code index.json} by its
 * {@code org.opencontainers.image.ref.name} annotation and loads every manifest under it (an image index, a
 * Docker manifest list, or a single manifest), checking each manifest's bytes against its digest and that every
 * blob it names is present with the right size, before anything is pushed. Manifests are kept byte for byte, so
 * the pushed digests are the layout's.
 */
public final class OciLayout {

    /** The annotation that names an {@code index.json} entry. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;

    /**
     * A manifest or index as stored.
     *
     * @param descriptor where it is, and its media type
     * @param bytes its exact bytes
     * @param blobs for a manifest, its config then its layers; empty for an index
     * @param layerCount how many of {@code blobs} are layers (all but the config)
     * @param index whether it is an index (or manifest list)
     */
    public record Manifest(Descriptor descriptor, byte[] bytes, List<Descriptor> blobs, int layerCount,
                           boolean index) {
    }

    /**
     * What to push from the layout.
     *
     * @param manifests every manifest and index, children before the index naming them; the last is the root
     */
    public record Image(List<Manifest> manifests) {
        /** The manifest or index the tag will point at. */
        public Manifest root() {
            return manifests.get(manifests.size() - 1);
        }
    }

    private final Path directory;
    private final String source;

    private OciLayout(Path directory, String source) {
        this.directory = directory;
        this.source = source;
    }

    /**
     * Reads and checks what {@code reference} names in the layout at {@code directory}.
     *
     * @param reference the ref name; empty when {@code index.json} has exactly one entry
     * @param source the source as written, for messages
     * @throws ImageSourceException when the directory, {@code index.json}, the reference, a manifest or a blob is
     *         missing or malformed
     */
    public static Image read(Path directory, Optional<String> reference, String source) {
        OciLayout layout = new OciLayout(directory, source);
        if (!Files.isDirectory(directory)) {
            throw ImageSourceException.invalid("The OCI layout " + directory + " is not a directory"
                    + DockerArchiveFile.splitNote(directory, source, "reference") + ".", null);
        }
        Path indexFile = directory.resolve("index.json");
        if (!Files.isRegularFile(indexFile)) {
            throw ImageSourceException.invalid("The OCI layout " + source + " has no index.json; is " + directory
                    + " an OCI image layout (skopeo copy … oci:DIR, docker buildx --output type=oci)?", null);
        }
        JsonNode index = layout.json(readFile(indexFile, source), "index.json");
        List<JsonNode> entries = new ArrayList<>();
        index.path("manifests").forEach(entries::add);
        if (entries.isEmpty()) {
            throw ImageSourceException.invalid("The index.json of " + source + " lists no image.", null);
        }
        JsonNode chosen;
        if (reference.isPresent()) {
            chosen = entries.stream().filter(e -> reference.get().equals(e.path("annotations").path(REF_NAME).asText(null)))
                    .findFirst().orElseThrow(() -> ImageSourceException.invalid("The OCI layout " + source + " has no image"
                            + " with reference '" + reference.get() + "'; it has " + refs(entries) + ".", null));
        } else if (entries.size() == 1) {
            chosen = entries.get(0);
        } else {
            throw ImageSourceException.invalid("The OCI layout " + source + " holds " + entries.size() + " images ("
                    + refs(entries) + "); name one: oci:DIR:REF.", null);
        }
        List<Manifest> manifests = new ArrayList<>();
        layout.load(layout.descriptor(chosen, "index.json"), manifests, 0);
        return new Image(List.copyOf(manifests));
    }

    /** The file of blob {@code digest} in the layout at {@code directory}. */
    public static Path blobPath(Path directory, String digest) {
        int colon = digest.indexOf(':');
        return directory.resolve("blobs").resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    }

    private void load(Descriptor descriptor, List<Manifest> out, int depth) {
        if (depth > 4) {
            throw ImageSourceException.invalid("The OCI layout " + source + " nests indexes more than 4 deep.", null);
        }
        for (Manifest seen : out) {
            if (seen.descriptor().digest().equals(descriptor.digest())) {
                return;
            }
        }
        byte[] bytes = blobBytes(descriptor);
        JsonNode json = json(bytes, descriptor.digest());
        String mediaType = descriptor.mediaType().isEmpty() ? json.path("mediaType").asText("") : descriptor.mediaType();
        boolean isIndex = MediaTypes.isIndex(mediaType) || json.has("manifests");
        if (isIndex) {
            for (JsonNode child : json.path("manifests")) {
                load(descriptor(child, descriptor.digest()), out, depth + 1);
            }
            out.add(new Manifest(descriptor.withMediaType(mediaType), bytes, List.of(), 0, true));
            return;
        }
        List<Descriptor> blobs = new ArrayList<>();
        if (!json.has("config")) {
            throw ImageSourceException.invalid("The manifest " + descriptor.digest() + " of " + source + " has no config.",
                    null);
        }
        blobs.add(descriptor(json.get("config"), descriptor.digest()));
        json.path("layers").forEach(layer -> blobs.add(descriptor(layer, descriptor.digest())));
        for (Descriptor blob : blobs) {
            Path file = blobPath(directory, blob.digest());
            try {
                if (!Files.isRegularFile(file)) {
                    throw ImageSourceException.invalid("The OCI layout " + source + " is missing blob " + blob.digest()
                            + ", which manifest " + descriptor.digest() + " names (a layout copied for one platform"
                            + " only?).", null);
                }
                if (Files.size(file) != blob.size()) {
                    throw ImageSourceException.invalid("The blob " + blob.digest() + " of " + source + " is "
                            + Files.size(file) + " bytes but manifest " + descriptor.digest() + " says " + blob.size()
                            + ".", null);
                }
            } catch (IOException e) {
                throw ImageSourceException.invalid("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        out.add(new Manifest(descriptor.withMediaType(mediaType), bytes, List.copyOf(blobs), blobs.size() - 1, false));
    }

    private Descriptor descriptor(JsonNode node, String where) {
        String digest = node.path("digest").asText("");
        long size = node.path("size").asLong(-1);
        if (!Descriptor.isSha256(digest) || size < 0) {
            throw ImageSourceException.invalid("A descriptor in " + where + " of " + source + " has no valid sha256"
                    + " digest and size.", null);
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, size);
    }

    private byte[] blobBytes(Descriptor descriptor) {
        Path file = blobPath(directory, descriptor.digest());
        if (!Files.isRegularFile(file)) {
            throw ImageSourceException.invalid("The OCI layout " + source + " is missing the manifest blob "
                    + descriptor.digest() + ".", null);
        }
        if (descriptor.size() > MAX_MANIFEST) {
            throw ImageSourceException.invalid("The manifest " + descriptor.digest() + " of " + source + " is larger than "
                    + MAX_MANIFEST + " bytes.", null);
        }
        byte[] bytes = readFile(file, source);
        String actual = Digests.sha256(bytes);
        if (!actual.equals(descriptor.digest())) {
            throw ImageSourceException.digestMismatch(source, "manifest " + descriptor.digest(), descriptor.digest(),
                    actual);
        }
        return bytes;
    }

    private JsonNode json(byte[] bytes, String what) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ImageSourceException.invalid(what + " of " + source + " is not a JSON object.", null);
            }
            return node;
        } catch (IOException e) {
            throw ImageSourceException.invalid(what + " of " + source + " is not valid JSON.", e);
        }
    }

    private static byte[] readFile(Path file, String source) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read " + file + " of " + source + ": " + e.getMessage(), e);
        }
    }

    private static String refs(List<JsonNode> entries) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            names.put(entry.path("annotations").path(REF_NAME).asText("(no ref.name)"), true);
        }
        return String.join(", ", names.keySet());
    }
}
