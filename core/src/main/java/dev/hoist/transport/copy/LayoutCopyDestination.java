package dev.hoist.transport.copy;

import dev.hoist.push.PushCancelledException;

import dev.hoist.distribution.RawManifest;
import static dev.hoist.api.InvalidImageReferenceException.escape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.distribution.Digests;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushException;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.transport.source.OciLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes an image into an OCI image layout directory, {@code oci:DIR[:REF]}.
 *
 * <p>A missing or empty {@code DIR} becomes a layout when this destination is opened: {@code oci-layout}
 * ({@code {"imageLayoutVersion":"1.0.0"}}), an empty {@code index.json} and {@code blobs/sha256/}. A {@code DIR} that
 * holds files but no {@code oci-layout}, or one that is a file, is refused before anything is written.
 *
 * <p>Each blob and manifest goes to {@code blobs/sha256/<hex>}: when a regular file of the descriptor's size is there
 * already it is kept ({@link BlobResult#EXISTS}; its bytes are not hashed again); else the bytes are written to a
 * temporary file {@code blobs/sha256/.hoist-*.tmp}, hashed and counted while written (reading stops once more bytes
 * come than the descriptor's size), and renamed into place atomically only when digest and size match. A mismatch
 * removes the temporary file and throws. Blobs are not synced to disk before the rename: after a crash a blob may
 * be short, and the next copy rewrites it (its size no longer matches).
 *
 * <p>{@link #commit} rewrites {@code index.json} atomically (a temporary file renamed over it) with one entry for the
 * root: {@code mediaType}, {@code digest}, {@code size}, and with {@code REF} the annotation
 * {@code org.opencontainers.image.ref.name=REF}. Other entries are kept as they are, but for these, which the new
 * entry replaces (at the place of the first of them):
 * <ul>
 *   <li>with {@code REF}: every entry with that {@code ref.name} (skopeo keeps such an entry without its name; Hoist
 *       drops it, so the layout does not gather nameless images), and every entry without a name with the root's
 *       digest;</li>
 *   <li>without {@code REF}: as skopeo does, the first entry without a name with the root's digest; when there is
 *       none the entry is added.</li>
 * </ul>
 * {@link #currentDigest()} is the digest of the first entry named {@code REF}; without {@code REF}, of the only
 * entry when {@code index.json} has exactly one (what {@code oci:DIR} reads).
 *
 * <p>The entry's {@code mediaType} is the root's own: a Docker schema 2 manifest or manifest list is written as it
 * is, not converted. skopeo 1.9 finds only OCI manifests and indexes in a layout, so it does not read such an
 * entry; a copy that must stay readable by it converts a docker image first (which changes its digest).
 *
 * <p>{@link #abort()} removes the temporary files; blobs already written stay, which is harmless (nothing names them,
 * and a later copy reuses them), except in a layout this destination created, which is removed again. Call it after
 * every {@link #putBlob} has returned. {@link #putBlob} and {@link #putManifest} may run on several threads at once.
 */
public final class LayoutCopyDestination implements CopyDestination {

    /** What {@code oci-layout} says. */
    static final byte[] OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    private volatile boolean cancelled;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMP_PREFIX = ".hoist-";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_INDEX = 16 * 1024 * 1024;

    private final Path directory;
    private final Path blobs;
    private final Optional<String> reference;
    private final String display;
    /** Whether {@link #open} made the directory ({@code true}) or filled an empty one: then abort removes it all. */
    private final boolean createdDirectory;
    private final boolean created;
    private final Set<Path> temps = ConcurrentHashMap.newKeySet();
    private final Set<Path> written = ConcurrentHashMap.newKeySet();
    private volatile boolean committed;

    private LayoutCopyDestination(Path directory, Optional<String> reference, String display,
                                  boolean createdDirectory, boolean created) {
        this.directory = directory;
        this.blobs = directory.resolve("blobs").resolve("sha256");
        this.reference = reference;
        this.display = display;
        this.createdDirectory = createdDirectory;
        this.created = created;
    }

    /**
     * Opens the layout at {@code directory}, creating it when it is missing or an empty directory.
     *
     * @param reference the {@code ref.name} the image gets; empty for none
     * @param display the destination as written, for messages, such as {@code oci:/tmp/layout:1.0}
     * @throws ImageSourceException when {@code directory} is a file, or a directory that holds files but is not an
     *         OCI layout ({@code oci-layout} missing, or it or {@code index.json} malformed), or cannot be written
     */
    public static LayoutCopyDestination open(Path directory, Optional<String> reference, String display) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(display, "display");
        boolean createdDirectory = false;
        boolean empty;
        try {
            if (!Files.exists(directory)) {
                if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw refused(display, "is a link to nothing");
                }
                Files.createDirectories(directory);
                createdDirectory = true;
                empty = true;
            } else if (!Files.isDirectory(directory)) {
                throw refused(display, "is a file, not a directory");
            } else {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                    empty = !entries.iterator().hasNext();
                }
            }
        } catch (IOException e) {
            throw unwritable(display, "the directory", e);
        }
        LayoutCopyDestination destination = new LayoutCopyDestination(directory, reference, display,
                createdDirectory, empty);
        if (empty) {
            destination.create();
        } else {
            destination.check();
        }
        return destination;
    }

    private static ImageSourceException refused(String display, String what) {
        return ImageSourceException.invalid("The destination " + display + " " + what + "; give a missing or empty"
                + " directory, or an OCI image layout.", null);
    }

    private static ImageSourceException unwritable(String display, String what, IOException cause) {
        return ImageSourceException.invalid("Cannot write " + what + " of " + display + ": "
                + escape(String.valueOf(cause.getMessage())) + ".", cause);
    }

    /** Writes the skeleton of a new layout; undone when that fails. */
    private void create() {
        try {
            Files.createDirectories(blobs);
            writeAtomically(directory.resolve("oci-layout"), OCI_LAYOUT);
            ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
            index.putArray("manifests");
            writeAtomically(directory.resolve("index.json"), JSON.writeValueAsBytes(index));
        } catch (IOException e) {
            abort();
            throw unwritable(display, "a new OCI layout", e);
        }
    }

    /** Checks that an existing directory is a layout, then makes sure {@code blobs/sha256} is there. */
    private void check() {
        Path layoutFile = directory.resolve("oci-layout");
        if (!Files.isRegularFile(layoutFile)) {
            throw refused(display, "is a directory that holds files but is not an OCI image layout (it has no"
                    + " oci-layout file)");
        }
        try {
            if (Files.size(layoutFile) > 64 * 1024) {
                throw refused(display, "is not an OCI image layout: its oci-layout file is larger than 64 KiB");
            }
            JsonNode layout = JSON.readTree(Files.readAllBytes(layoutFile));
            if (layout == null || !layout.path("imageLayoutVersion").isTextual()) {
                throw refused(display, "is not an OCI image layout: its oci-layout file has no imageLayoutVersion");
            }
        } catch (IOException e) {
            throw refused(display, "is not an OCI image layout: its oci-layout file is not JSON");
        }
        index();
        try {
            Files.createDirectories(blobs);
        } catch (IOException e) {
            throw unwritable(display, "blobs/sha256", e);
        }
    }

    @Override
    public String display() {
        return display;
    }

    /**
     * The digest of the entry named {@code REF}; without {@code REF}, of the only entry.
     *
     * @throws ImageSourceException when {@code index.json} is malformed
     */
    @Override
    public Optional<String> currentDigest() {
        List<JsonNode> entries = new ArrayList<>();
        index().path("manifests").forEach(entries::add);
        if (reference.isEmpty()) {
            return entries.size() == 1 ? digestOf(entries.get(0)) : Optional.empty();
        }
        return entries.stream().filter(e -> reference.get().equals(refName(e))).findFirst()
                .flatMap(LayoutCopyDestination::digestOf);
    }

    private static Optional<String> digestOf(JsonNode entry) {
        return Optional.of(entry.path("digest").asText("")).filter(Digests::isSha256);
    }

    private static String refName(JsonNode entry) {
        return entry.path("annotations").path(OciLayout.REF_NAME).asText(null);
    }

    /**
     * Writes blob {@code descriptor} unless a file of its size is there.
     *
     * @param from ignored: a layout mounts nothing
     * @return {@link BlobResult#EXISTS} or {@link BlobResult#COPIED}
     * @throws ImageSourceException with reason {@code DIGEST_MISMATCH} when the bytes do not match the descriptor
     *         (nothing of them stays); {@code INVALID} when the digest is not sha256, the bytes cannot be read, or
     *         the layout cannot be written
     * @throws PushException as the opener throws it
     */
    @Override
    public BlobResult putBlob(Descriptor descriptor, Optional<RegistryLocation> from, BlobOpener opener) {
        Objects.requireNonNull(opener, "opener");
        Path target = blobFile(descriptor);
        if (matches(target, descriptor.size())) {
            return BlobResult.EXISTS;
        }
        write(descriptor, target, opener);
        return BlobResult.COPIED;
    }

    /**
     * Writes a manifest's bytes as a blob, checked against its digest.
     *
     * @throws ImageSourceException as {@link #putBlob}
     */
    @Override
    public void putManifest(RawManifest manifest) {
        Descriptor descriptor = new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size());
        Path target = blobFile(descriptor);
        if (!matches(target, descriptor.size())) {
            write(descriptor, target, () -> new ByteArrayInputStream(manifest.bytes()));
        }
    }

    /**
     * Writes the root as a blob, then {@code index.json} with its entry (see the class comment).
     *
     * @throws ImageSourceException as {@link #putBlob}, or when {@code index.json} is malformed or cannot be written
     */
    @Override
    public void commit(RawManifest root) {
        putManifest(root);
        ObjectNode entry = JSON.createObjectNode().put("mediaType", root.mediaType()).put("digest", root.digest())
                .put("size", root.size());
        reference.ifPresent(ref -> entry.putObject("annotations").put(OciLayout.REF_NAME, ref));
        ObjectNode index = index();
        ArrayNode kept = JSON.createArrayNode();
        int at = -1;
        for (JsonNode old : index.path("manifests")) {
            String name = refName(old);
            boolean sameDigest = name == null && root.digest().equals(old.path("digest").asText(""));
            boolean replaced = reference.isPresent() ? reference.get().equals(name) || sameDigest
                    : sameDigest && at < 0;
            if (replaced) {
                at = at < 0 ? kept.size() : at;
            } else {
                kept.add(old);
            }
        }
        if (at < 0) {
            kept.add(entry);
        } else {
            kept.insert(at, entry);
        }
        index.set("manifests", kept);
        try {
            writeAtomically(directory.resolve("index.json"), JSON.writeValueAsBytes(index));
        } catch (IOException e) {
            throw unwritable(display, "index.json", e);
        }
        committed = true;
    }

    /** Removes the temporary files; in a layout this destination created, everything it wrote. Never throws. */
    /** Makes the blobs being written stop at their next read, with {@link PushCancelledException}. */
    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void abort() {
        for (Path temp : List.copyOf(temps)) {
            deleteQuietly(temp);
            temps.remove(temp);
        }
        if (!created || committed) {
            return;
        }
        written.forEach(LayoutCopyDestination::deleteQuietly);
        deleteQuietly(blobs);
        deleteQuietly(blobs.getParent());
        deleteQuietly(directory.resolve("index.json"));
        deleteQuietly(directory.resolve("oci-layout"));
        if (createdDirectory) {
            deleteQuietly(directory);
        }
    }

    /** Removes temporary files a put left (none, when every put returned). */
    @Override
    public void close() {
        for (Path temp : List.copyOf(temps)) {
            deleteQuietly(temp);
        }
    }

    /** The layout's directory. */
    Path directory() {
        return directory;
    }

    /** Whether a name under {@code blobs/sha256} is one of this class's temporary files. */
    static boolean isTemporary(String fileName) {
        return fileName.startsWith(TEMP_PREFIX) && fileName.endsWith(TEMP_SUFFIX);
    }

    /**
     * Where blob {@code descriptor} goes.
     *
     * @throws ImageSourceException when its digest is not {@code sha256:<64 hex>}
     */
    Path blobFile(Descriptor descriptor) {
        if (!Descriptor.isSha256(descriptor.digest())) {
            throw ImageSourceException.invalid("The blob digest '" + escape(descriptor.digest()) + "' cannot be"
                    + " written to " + display + ": only sha256 digests are supported.", null);
        }
        return blobs.resolve(descriptor.digest().substring("sha256:".length()));
    }

    /** {@code index.json} as an object; a new empty index when it is missing. */
    private ObjectNode index() {
        Path file = directory.resolve("index.json");
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_INDEX) {
                throw refused(display, "has an index.json larger than " + MAX_INDEX + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
            index.putArray("manifests");
            return index;
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read index.json of " + display + ": "
                    + escape(String.valueOf(e.getMessage())) + ".", e);
        }
        try {
            JsonNode index = JSON.readTree(bytes);
            if (index instanceof ObjectNode object && (object.path("manifests").isArray()
                    || object.path("manifests").isMissingNode())) {
                return object;
            }
        } catch (IOException notJson) {
            // refused below
        }
        throw refused(display, "is not an OCI image layout: its index.json is not an image index");
    }

    /** Whether {@code file} is a regular file (links followed) of {@code size} bytes. */
    private static boolean matches(Path file, long size) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == size;
        } catch (IOException gone) {
            return false;
        }
    }

    /** Streams the opener's bytes to a temporary file, checks them, then renames it to {@code target}. */
    private void write(Descriptor descriptor, Path target, BlobOpener opener) {
        Path temp;
        try {
            temp = Files.createTempFile(blobs, TEMP_PREFIX, TEMP_SUFFIX);
        } catch (IOException e) {
            throw unwritable(display, "blob " + descriptor.digest(), e);
        }
        temps.add(temp);
        boolean done = false;
        try {
            MessageDigest hash = Digests.sha256();
            long count = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                InputStream in;
                try {
                    in = opener.open();
                } catch (IOException e) {
                    throw unreadable(descriptor, e);
                }
                try (in) {
                    byte[] buffer = new byte[BUFFER];
                    while (true) {
                        int n;
                        try {
                            n = in.read(buffer, 0, (int) Math.min(buffer.length, descriptor.size() - count + 1));
                        } catch (IOException e) {
                            throw unreadable(descriptor, e);
                        }
                        if (n < 0) {
                            break;
                        }
                        if (cancelled) {
                            throw new PushCancelledException("The copy to " + display + " was cancelled while blob "
                                    + descriptor.digest() + " was written.", null);
                        }
                        hash.update(buffer, 0, n);
                        count += n;
                        if (count > descriptor.size()) {
                            throw ImageSourceException.copiedBlobMismatch(display, descriptor.digest(),
                                    descriptor.size(), "more than " + descriptor.size() + " bytes");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
            String actual = Digests.format(hash.digest());
            if (count != descriptor.size() || !actual.equals(descriptor.digest())) {
                throw ImageSourceException.copiedBlobMismatch(display, descriptor.digest(), descriptor.size(),
                        count + " bytes hashing to " + actual);
            }
            readableByAll(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written.add(target);
            done = true;
        } catch (IOException e) {
            throw unwritable(display, "blob " + descriptor.digest(), e);
        } finally {
            if (!done) {
                deleteQuietly(temp);
            }
            temps.remove(temp);
        }
    }

    private ImageSourceException unreadable(Descriptor descriptor, IOException cause) {
        return ImageSourceException.invalid("Cannot read blob " + descriptor.digest() + " to copy it to " + display
                + ": " + escape(String.valueOf(cause.getMessage())) + ".", cause);
    }

    /** Writes {@code bytes} to a temporary file next to {@code file}, then renames it over {@code file}. */
    private void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), TEMP_PREFIX, TEMP_SUFFIX);
        temps.add(temp);
        try {
            Files.write(temp, bytes);
            readableByAll(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteQuietly(temp);
            temps.remove(temp);
        }
    }

    /**
     * Gives {@code file}, a temporary file (made {@code rw-------}), the mode {@code rw-r--r--} a finished file of an
     * image gets, as skopeo gives it; nothing on a file system without POSIX modes.
     */
    static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException noPosix) {
            // the file system's default
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Best effort: a directory that is not empty, or a file already gone, stays as it is.
        }
    }
}
