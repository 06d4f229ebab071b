package dev.hoist.transport.source;

import dev.hoist.push.ImageSourceException;
import dev.hoist.transport.manifest.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A tar of an OCI image layout ({@code oci-archive:PATH}, as {@code skopeo copy … oci-archive:} and
 * {@code podman save --format oci-archive} write it), read in place: its headers are listed once with Commons
 * Compress's {@code TarFile}, then each file is a byte range of the archive on its own channel
 * ({@link DockerArchiveFile}), so blobs stream in parallel and nothing is extracted to disk.
 *
 * <p>No entry outside the archive is ever read: an entry whose name climbs out ({@code ../x}, or an absolute name)
 * is refused when the archive is opened; a symbolic or hard link is followed only to another entry of the archive,
 * and one that leads out of it is refused, naming the link, when a file under it is asked for. A gzip-compressed
 * archive is refused (gunzip it first).
 */
public final class OciArchive implements OciStore {

    private final DockerArchiveFile archive;
    private final String source;

    private OciArchive(DockerArchiveFile archive, String source) {
        this.archive = archive;
        this.source = source;
    }

    /**
     * Lists the archive at {@code file} and checks that it holds {@code oci-layout} and {@code index.json}.
     *
     * @param source the source as written, for messages
     * @throws ImageSourceException when the file is missing, not a regular file, gzip-compressed, not a tar, a
     *         {@code docker save} archive, not a layout, or has an entry whose name climbs out of it
     */
    public static OciArchive open(Path file, String source) {
        if (DockerArchiveFile.isGzip(file, source, DockerArchiveFile.Format.OCI_ARCHIVE)) {
            throw ImageSourceException.invalid("The archive " + source + " is gzip-compressed; Hoist reads an OCI"
                    + " archive as a plain tar: gunzip it first.", null);
        }
        DockerArchiveFile archive = DockerArchiveFile.open(file, source, DockerArchiveFile.Format.OCI_ARCHIVE);
        if (!archive.has("index.json") || !archive.has("oci-layout")) {
            String what = archive.has("manifest.json")
                    ? "it is a docker save archive, which docker-archive:" + SourceFiles.shown(file) + " reads"
                    : "it has no " + (archive.has("index.json") ? "oci-layout" : "index.json");
            throw ImageSourceException.invalid("The archive " + source + " is not " + DockerArchiveFile.OCI_ARCHIVE
                    + ": " + what + ".", null);
        }
        return new OciArchive(archive, source);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Descriptor select(Optional<String> reference) {
        return OciLayout.select(archive.read("index.json", OciLayout.MAX_INDEX), reference, source, "OCI archive",
                "oci-archive:PATH:REF");
    }

    @Override
    public byte[] manifest(Descriptor descriptor) {
        String entry = OciLayout.blobEntry(descriptor.digest());
        if (!archive.has(entry)) {
            throw ImageSourceException.invalid("The OCI archive " + source + " is missing the manifest blob "
                    + descriptor.digest() + ".", null);
        }
        if (descriptor.size() > OciLayout.MAX_MANIFEST) {
            throw ImageSourceException.invalid("The manifest " + descriptor.digest() + " of " + source + " is larger"
                    + " than " + OciLayout.MAX_MANIFEST + " bytes.", null);
        }
        return OciLayout.checked(archive.read(entry, OciLayout.MAX_MANIFEST), descriptor,
                "manifest " + descriptor.digest(), source);
    }

    @Override
    public boolean hasBlob(String digest) {
        return archive.has(OciLayout.blobEntry(digest));
    }

    @Override
    public InputStream openBlob(String digest) throws IOException {
        String entry = OciLayout.blobEntry(digest);
        if (!archive.has(entry)) {
            throw ImageSourceException.invalid("The OCI archive " + source + " is missing blob " + digest + ".", null);
        }
        return archive.open(entry);
    }
}
