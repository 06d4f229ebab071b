package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import dev.hoist.image.TarWriter;
import dev.hoist.push.ImageSourceException;
import dev.hoist.transport.manifest.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes an image as a tar of an OCI image layout, {@code oci-archive:PATH[:REF]}, replacing {@code PATH} whole
 * (the archive holds this image only, as skopeo writes it).
 *
 * <p>Blobs and manifests are staged in a layout ({@link LayoutCopyDestination}, so checked as there) in a directory
 * {@code .<name>.hoist-*} next to {@code PATH}, on the same file system. {@link #commit} streams the tar to a temporary
 * file next to {@code PATH}, then renames it over {@code PATH} atomically: a reader sees the old archive or the new
 * one, never a part. Its entries come in a fixed order, {@code oci-layout}, {@code index.json}, {@code blobs/},
 * {@code blobs/sha256/}, then the blobs by name, each owned by uid and gid 0 and dated at the epoch, so the same
 * image always gives the same bytes. {@link #abort()} and {@link #close()} remove the staging directory.
 *
 * <p>{@link #currentDigest()} is always empty: the archive is rewritten whole, so a copy never skips it; an
 * existing file at {@code PATH} is not read (it need not be an archive at all).
 */
public final class OciArchiveDestination implements CopyDestination {

    private final Path archive;
    private final String display;
    private final Path stage;
    private final LayoutCopyDestination layout;

    private OciArchiveDestination(Path archive, String display, Path stage, LayoutCopyDestination layout) {
        this.archive = archive;
        this.display = display;
        this.stage = stage;
        this.layout = layout;
    }

    /**
     * Makes the staging layout next to {@code archive}.
     *
     * @param reference the {@code ref.name} of the image's {@code index.json} entry; empty for none
     * @param display the destination as written, for messages, such as {@code oci-archive:/tmp/app.tar:1.0}
     * @throws ImageSourceException when {@code archive} is a directory, its directory is missing, or the staging
     *         directory cannot be made
     */
    public static OciArchiveDestination open(Path archive, Optional<String> reference, String display) {
        Objects.requireNonNull(archive, "archive");
        Path stage = ArchiveFiles.stage(archive, display);
        try {
            return new OciArchiveDestination(archive, display, stage,
                    LayoutCopyDestination.open(stage, reference, display));
        } catch (RuntimeException e) {
            ArchiveFiles.deleteTree(stage);
            throw e;
        }
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

    /** Stages the blob, as {@link LayoutCopyDestination#putBlob} writes it. */
    @Override
    public BlobResult putBlob(Descriptor descriptor, Optional<RegistryLocation> from, BlobOpener opener) {
        return layout.putBlob(descriptor, from, opener);
    }

    /** Stages the manifest, as {@link LayoutCopyDestination#putManifest} writes it. */
    @Override
    public void putManifest(RawManifest manifest) {
        layout.putManifest(manifest);
    }

    /**
     * Stages the root and its {@code index.json} entry, writes the archive and renames it over {@code PATH}, then
     * removes the staging directory.
     *
     * @throws ImageSourceException as {@link LayoutCopyDestination#commit}, or when the archive cannot be written
     *         ({@code PATH} is then as it was)
     */
    @Override
    public void commit(RawManifest root) {
        layout.commit(root);
        Path directory = layout.directory();
        ArchiveFiles.writeAtomically(archive, display, tar -> {
            tar.addFile("oci-layout", Files.readAllBytes(directory.resolve("oci-layout")));
            tar.addFile("index.json", Files.readAllBytes(directory.resolve("index.json")));
            tar.addDirectory("blobs/");
            tar.addDirectory("blobs/sha256/");
            for (Path blob : blobs(directory.resolve("blobs").resolve("sha256"))) {
                addBlob(tar, blob);
            }
        });
        ArchiveFiles.deleteTree(stage);
    }

    private static List<Path> blobs(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> !LayoutCopyDestination.isTemporary(f.getFileName().toString())).sorted().toList();
        }
    }

    private static void addBlob(TarWriter tar, Path blob) throws IOException {
        try (InputStream in = Files.newInputStream(blob)) {
            tar.addFile("blobs/sha256/" + blob.getFileName(), Files.size(blob), in);
        }
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
}
