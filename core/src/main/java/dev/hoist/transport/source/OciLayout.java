package dev.hoist.transport.source;

import dev.hoist.distribution.Digests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.push.ImageSourceException;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
 *
 * <p>Every file Hoist opens from the layout ({@code index.json}, {@code oci-layout}, each blob) is resolved through
 * its links first and, unless {@link Links#allowed()}, refused when it leads out of the layout's directory (the
 * directory itself may be a link); and it must be a regular file, so a FIFO is never opened. A non-distributable
 * layer ({@link MediaTypes#isNondistributable}) need not be present: clients fetch it from its {@code urls}.
 *
 * <p>A copy reads the layout one file at a time instead ({@link #open}, then the {@link OciStore} methods), under
 * the same rules; {@link OciArchive} reads a tar of a layout the same way.
 */
public final class OciLayout implements OciStore {

    /** The annotation that names an {@code index.json} entry. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    private static final ObjectMapper JSON = DockerSaveManifest.JSON;
    /** The largest manifest or index read, in bytes. */
    static final int MAX_MANIFEST = 4 * 1024 * 1024;
    /** The largest {@code index.json} read, in bytes. */
    static final int MAX_INDEX = 16 * 1024 * 1024;

    /**
     * Whether the layout's files may lead out of it.
     *
     * @param allowed whether a file may be, or lie under, a link that leads out of the layout's directory
     * @param setting the setting's full key, which a refusal names, such as
     *        {@code hoist.registry-api.allow-links-out-of-layout}
     */
    public record Links(boolean allowed, String setting) {
    }

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
     * @param blobFiles the file of each blob the manifests name that the layout holds, by digest, resolved through
     *        its links (a non-distributable layer may be absent)
     */
    public record Image(List<Manifest> manifests, Map<String, Path> blobFiles) {
        /** The manifest or index the tag will point at. */
        public Manifest root() {
            return manifests.get(manifests.size() - 1);
        }

        /** The file of blob {@code digest}, when the layout holds it. */
        public Optional<Path> blobFile(String digest) {
            return Optional.ofNullable(blobFiles.get(digest));
        }
    }

    private final Path directory;
    private final String source;
    private final Links links;
    private final Map<String, Path> blobFiles = new LinkedHashMap<>();
    /** {@code index.json}, resolved and checked by {@link #open}. */
    private Path indexFile;

    private OciLayout(Path directory, String source, Links links) {
        this.directory = directory;
        this.source = source;
        this.links = links;
    }

    /**
     * Reads and checks what {@code reference} names in the layout at {@code directory}.
     *
     * @param reference the ref name; empty when {@code index.json} has exactly one entry
     * @param source the source as written, for messages
     * @param links whether the layout's files may lead out of it
     * @return the manifests under the reference, and where their blobs are
     * @throws ImageSourceException when the directory, {@code index.json}, the reference, a manifest or a blob is
     *         missing or malformed, when a file Hoist would open leads out of the layout (unless allowed) or is not
     *         a regular file
     */
    public static Image read(Path directory, Optional<String> reference, String source, Links links) {
        OciLayout layout = open(directory, source, links);
        List<Manifest> manifests = new ArrayList<>();
        layout.load(layout.select(reference), manifests, 0);
        return new Image(List.copyOf(manifests), Map.copyOf(layout.blobFiles));
    }

    /**
     * Opens the layout at {@code directory} for reading one file at a time: checks that it is a directory holding
     * {@code index.json}, and that {@code index.json} and {@code oci-layout} are regular files inside it (unless
     * {@code links} allows links out). Nothing else is read yet.
     *
     * @param source the source as written, for messages
     * @throws ImageSourceException when the directory or {@code index.json} is missing, or a file is refused
     */
    public static OciLayout open(Path directory, String source, Links links) {
        if (!Files.isDirectory(directory)) {
            throw ImageSourceException.invalid("The OCI layout " + SourceFiles.shown(directory) + " is not a directory"
                    + DockerArchiveFile.splitNote(directory, source, "reference") + whatFile(directory) + ".", null);
        }
        Path root;
        try {
            root = directory.toRealPath();
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read the OCI layout " + source + ": " + e.getMessage(), e);
        }
        OciLayout layout = new OciLayout(root, source, links);
        Path indexFile = layout.file("index.json").orElseThrow(() -> ImageSourceException.invalid("The OCI layout "
                + source + " has no index.json; is " + SourceFiles.shown(directory) + " an OCI image layout (skopeo copy … oci:DIR,"
                + " docker buildx --output type=oci)?", null));
        layout.file("oci-layout"); // never read, but checked as every file of the layout is
        layout.indexFile = indexFile;
        return layout;
    }

    @Override
    public String source() {
        return source;
    }

    /**
     * The {@code index.json} entry {@code reference} names.
     *
     * @throws ImageSourceException when {@code index.json} is not JSON, lists nothing, has no entry with that
     *         {@code ref.name} (listing those it has), or has several and no reference was given
     */
    @Override
    public Descriptor select(Optional<String> reference) {
        return select(readFile(indexFile, "index.json", MAX_INDEX), reference, source, "OCI layout", "oci:DIR:REF");
    }

    /**
     * The entry of an {@code index.json} that {@code reference} names: the first whose
     * {@code org.opencontainers.image.ref.name} is {@code reference}, as skopeo picks it; without a reference, the
     * only entry.
     *
     * @param indexJson the bytes of {@code index.json}
     * @param source the source as written, for messages
     * @param what what the source is, for messages: {@code OCI layout} or {@code OCI archive}
     * @param form how to name an image of it: {@code oci:DIR:REF}
     * @throws ImageSourceException when {@code index.json} is not JSON, lists nothing, has no entry with that
     *         {@code ref.name} (listing those it has), or several entries and no reference was given
     */
    static Descriptor select(byte[] indexJson, Optional<String> reference, String source, String what, String form) {
        JsonNode index = json(indexJson, "index.json", source);
        List<JsonNode> entries = new ArrayList<>();
        index.path("manifests").forEach(entries::add);
        if (entries.isEmpty()) {
            throw ImageSourceException.invalid("The index.json of " + source + " lists no image.", null);
        }
        JsonNode chosen;
        if (reference.isPresent()) {
            chosen = entries.stream().filter(e -> reference.get().equals(e.path("annotations").path(REF_NAME).asText(null)))
                    .findFirst().orElseThrow(() -> ImageSourceException.invalid("The " + what + " " + source + " has no"
                            + " image with reference '" + reference.get() + "'; it has " + refs(entries) + ".", null));
        } else if (entries.size() == 1) {
            chosen = entries.get(0);
        } else {
            throw ImageSourceException.invalid("The " + what + " " + source + " holds " + entries.size() + " images ("
                    + refs(entries) + "); name one: " + form + ".", null);
        }
        return descriptor(chosen, "index.json", source);
    }

    /**
     * The bytes of the manifest or index {@code descriptor} names, checked against its digest and size.
     *
     * @throws ImageSourceException when it is missing, larger than 4 MiB, or its bytes do not match
     *         ({@link ImageSourceException.Reason#DIGEST_MISMATCH})
     */
    @Override
    public byte[] manifest(Descriptor descriptor) {
        return blobBytes(descriptor);
    }

    /**
     * Whether the layout holds blob {@code digest} as a regular file inside it.
     *
     * @throws ImageSourceException when the blob's file leads out of the layout (unless allowed) or is not a
     *         regular file
     */
    @Override
    public boolean hasBlob(String digest) {
        return file(blobEntry(digest)).isPresent();
    }

    /**
     * Opens blob {@code digest}, resolved through its links under the layout's rules.
     *
     * @throws ImageSourceException when the layout has no such blob, or it is refused
     */
    @Override
    public InputStream openBlob(String digest) throws IOException {
        Path file = file(blobEntry(digest)).orElseThrow(() -> ImageSourceException.invalid("The OCI layout " + source
                + " is missing blob " + digest + ".", null));
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The media type of a manifest or index: its descriptor's; else the {@code mediaType} its JSON gives; else an
     * OCI index when it lists {@code manifests}, an OCI manifest otherwise.
     */
    public static String mediaTypeOf(Descriptor descriptor, byte[] bytes, String source) {
        if (!descriptor.mediaType().isEmpty()) {
            return descriptor.mediaType();
        }
        JsonNode json = json(bytes, descriptor.digest(), source);
        String declared = json.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        return json.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    /**
     * Checks that {@code bytes}, read for {@code descriptor}, are its size and hash to its digest.
     *
     * @throws ImageSourceException with {@link ImageSourceException.Reason#DIGEST_MISMATCH} when not
     */
    static byte[] checked(byte[] bytes, Descriptor descriptor, String what, String source) {
        String actual = Digests.sha256(bytes);
        if (!actual.equals(descriptor.digest())) {
            throw ImageSourceException.digestMismatch(source, what, descriptor.digest(), actual);
        }
        if (bytes.length != descriptor.size()) {
            throw ImageSourceException.sizeMismatch(source, what, descriptor.size(), bytes.length);
        }
        return bytes;
    }

    /**
     * What the file given as a layout is, when it is an archive: {@code ": it is <what>; <what to do>"}; else empty.
     * Read only when it is a regular file.
     */
    private static String whatFile(Path file) {
        try {
            if (!Files.isRegularFile(file) || DockerArchiveFile.isGzip(file, file.toString())) {
                return "";
            }
            DockerArchiveFile archive = DockerArchiveFile.open(file, file.toString());
            if (archive.has("manifest.json")) {
                return ": it is a docker save archive, which docker-archive:" + SourceFiles.shown(file) + " reads";
            }
            if (archive.has("oci-layout") && archive.has("index.json")) {
                return ": it is " + DockerArchiveFile.OCI_ARCHIVE + "; " + DockerArchiveFile.unpack(file);
            }
        } catch (ImageSourceException notAnArchive) {
            return "";
        }
        return "";
    }

    /** The entry of blob {@code digest}, {@code blobs/<alg>/<hex>} (the digest is checked: no {@code /} in it). */
    static String blobEntry(String digest) {
        int colon = digest.indexOf(':');
        return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }

    /**
     * The regular file at {@code entry} of the layout, resolved through its links; empty when nothing is there (a
     * dangling link included). Nothing is opened.
     *
     * @throws ImageSourceException when it leads out of the layout and that is not allowed (naming the entry, and
     *         nothing of where it leads), or is not a regular file
     */
    private Optional<Path> file(String entry) {
        Path real;
        try {
            real = directory.resolve(entry).toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read " + entry + " of " + source + ": " + e.getMessage(), e);
        }
        if (!links.allowed() && !real.startsWith(directory)) {
            throw ImageSourceException.invalid("The entry " + entry + " of the OCI layout " + source + " links outside"
                    + " the layout; Hoist reads nothing outside a layout unless " + links.setting() + " = true.", null);
        }
        Optional<String> kind;
        try {
            kind = SourceFiles.notRegular(real);
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read " + entry + " of " + source + ": " + e.getMessage(), e);
        }
        if (kind.isPresent()) {
            throw ImageSourceException.invalid("The entry " + entry + " of the OCI layout " + source + " is "
                    + kind.get() + ", not a regular file.", null);
        }
        if (!links.allowed() && hardLinks(real) > 1) {
            // A hard link has no target to resolve: its other name may be any file outside the layout.
            throw ImageSourceException.invalid("The entry " + entry + " of the OCI layout " + source + " is a hard"
                    + " link (the file has " + hardLinks(real) + " names), which may be a file outside the layout;"
                    + " Hoist reads such a file only with " + links.setting() + " = true.", null);
        }
        return Optional.of(real);
    }

    /** How many names the file has ({@code unix:nlink}); 1 where the file system does not tell. */
    private static int hardLinks(Path file) {
        try {
            Object count = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return count instanceof Integer n ? n : 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            return 1;
        }
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
        JsonNode json = json(bytes, descriptor.digest(), source);
        String mediaType = descriptor.mediaType().isEmpty() ? json.path("mediaType").asText("") : descriptor.mediaType();
        boolean isIndex = MediaTypes.isIndex(mediaType) || json.has("manifests");
        if (isIndex) {
            for (JsonNode child : json.path("manifests")) {
                load(descriptor(child, descriptor.digest(), source), out, depth + 1);
            }
            out.add(new Manifest(descriptor.withMediaType(mediaType), bytes, List.of(), 0, true));
            return;
        }
        List<Descriptor> blobs = new ArrayList<>();
        if (!json.has("config")) {
            throw ImageSourceException.invalid("The manifest " + descriptor.digest() + " of " + source + " has no config.",
                    null);
        }
        blobs.add(descriptor(json.get("config"), descriptor.digest(), source));
        json.path("layers").forEach(layer -> blobs.add(descriptor(layer, descriptor.digest(), source)));
        for (int i = 0; i < blobs.size(); i++) {
            Descriptor blob = blobs.get(i);
            Optional<Path> found = file(blobEntry(blob.digest()));
            if (found.isEmpty()) {
                if (i > 0 && MediaTypes.isNondistributable(blob.mediaType())) {
                    continue; // clients fetch it from its urls; a layout need not hold it
                }
                throw ImageSourceException.invalid("The OCI layout " + source + " is missing blob " + blob.digest()
                        + ", which manifest " + descriptor.digest() + " names"
                        + (depth > 0 ? " (a layout copied for one platform only?)." : "."), null);
            }
            Path file = found.get();
            try {
                if (Files.size(file) != blob.size()) {
                    throw ImageSourceException.invalid("The blob " + blob.digest() + " of " + source + " is "
                            + Files.size(file) + " bytes but manifest " + descriptor.digest() + " says " + blob.size()
                            + ".", null);
                }
            } catch (IOException e) {
                throw ImageSourceException.invalid("Cannot read " + SourceFiles.shown(file) + ": " + e.getMessage(), e);
            }
            blobFiles.put(blob.digest(), file);
        }
        out.add(new Manifest(descriptor.withMediaType(mediaType), bytes, List.copyOf(blobs), blobs.size() - 1, false));
    }

    /**
     * The descriptor {@code node} is.
     *
     * @throws ImageSourceException when it has no sha256 digest or no size
     */
    static Descriptor descriptor(JsonNode node, String where, String source) {
        String digest = node.path("digest").asText("");
        long size = node.path("size").asLong(-1);
        if (!Descriptor.isSha256(digest) || size < 0) {
            throw ImageSourceException.invalid("A descriptor in " + where + " of " + source + " has no valid sha256"
                    + " digest and size.", null);
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, size);
    }

    private byte[] blobBytes(Descriptor descriptor) {
        Path file = file(blobEntry(descriptor.digest())).orElseThrow(() -> ImageSourceException.invalid(
                "The OCI layout " + source + " is missing the manifest blob " + descriptor.digest() + ".", null));
        if (descriptor.size() > MAX_MANIFEST) {
            throw ImageSourceException.invalid("The manifest " + descriptor.digest() + " of " + source + " is larger than "
                    + MAX_MANIFEST + " bytes.", null);
        }
        byte[] bytes = readFile(file, "manifest " + descriptor.digest(), MAX_MANIFEST);
        return checked(bytes, descriptor, "manifest " + descriptor.digest(), source);
    }

    /**
     * {@code bytes} as a JSON object.
     *
     * @throws ImageSourceException when they are not one
     */
    static JsonNode json(byte[] bytes, String what, String source) {
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

    /** The bytes of {@code file}, a regular file of the layout, refused when it is larger than {@code max}. */
    private byte[] readFile(Path file, String what, int max) {
        try {
            long size = Files.size(file);
            if (size > max) {
                throw ImageSourceException.invalid("The " + what + " of " + source + " is " + size + " bytes, more"
                        + " than the " + max + " Hoist reads of it.", null);
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return in.readNBytes(max + 1);
            }
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read " + SourceFiles.shown(file) + " of " + source + ": " + e.getMessage(), e);
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
