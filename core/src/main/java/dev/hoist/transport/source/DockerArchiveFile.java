package dev.hoist.transport.source;

import dev.hoist.push.ImageSourceException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A plain (uncompressed) tar file read by random access: its headers are listed once, then each regular file is
 * a byte range of the file, opened on its own channel, so several layers read at once (any number of threads may
 * call {@link #open} and {@link #read} at the same time). Read for {@code docker-archive:} and, with
 * {@link Format#OCI_ARCHIVE}, for {@code oci-archive:} sources ({@link OciArchive}).
 */
public final class DockerArchiveFile {

    private record Entry(long offset, long size) {
    }

    /** Which kind of archive is read: what its messages say of how to make one. */
    public enum Format {
        /** A {@code docker save} archive, plain or gzip-compressed. */
        DOCKER_SAVE("docker save", "written by docker save, plain or gzip-compressed", "image name"),
        /** A tar of an OCI image layout, not compressed. */
        OCI_ARCHIVE("skopeo copy … oci-archive:PATH", "written by skopeo copy … oci-archive:PATH or podman save"
                + " --format oci-archive", "reference");

        private final String writer;
        private final String written;
        private final String part;

        Format(String writer, String written, String part) {
            this.writer = writer;
            this.written = written;
            this.part = part;
        }
    }

    private final Path file;
    private final String source;
    private final Map<String, Entry> entries;
    private final Map<String, String> links;
    private final Format format;

    private DockerArchiveFile(Path file, String source, Map<String, Entry> entries, Map<String, String> links,
                              Format format) {
        this.file = file;
        this.source = source;
        this.entries = entries;
        this.links = links;
        this.format = format;
    }

    /** The archive file is missing: names the path that was tried, and how the source text was split. */
    private static ImageSourceException missing(Path file, String source, String what, Format format) {
        return ImageSourceException.invalid("The archive " + SourceFiles.shown(file) + " " + what
                + splitNote(file, source, format.part) + ".", null);
    }

    /**
     * When the source text goes on past the path after its transport's {@code ':'}, how it was split: as skopeo
     * does, the first {@code ':'} after the path ends it and the rest is the image name (or reference).
     *
     * @param file the path that was tried
     * @param source the source as written, such as {@code docker-archive:/tmp/a:b.tar}
     * @param part what the rest is, such as {@code image name} or {@code reference}
     * @return {@code " (... is read as the path ... and the image name ...: ...)"}, or empty when nothing follows
     */
    static String splitNote(Path file, String source, String part) {
        String text = String.valueOf(source);
        String path = SourceFiles.shown(file);
        String rest = text.substring(text.indexOf(':') + 1);
        if (!rest.startsWith(path + ":")) {
            return "";
        }
        return " (" + text + " is read as the path " + path + " and the " + part + " "
                + rest.substring(path.length() + 1) + ": the first ':' after the path ends it)";
    }

    /**
     * Refuses, before anything opens it, an archive that is not a regular file (links followed: the argument may
     * be a link): a FIFO would block the reader until something writes to it.
     *
     * @throws ImageSourceException when nothing is there, or a directory, a FIFO, a device or a socket is
     */
    static void requireFile(Path file, String source, Format format) {
        Optional<String> kind;
        try {
            kind = SourceFiles.notRegular(file);
        } catch (NoSuchFileException e) {
            throw missing(file, source, "does not exist", format);
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read the archive " + source + ": " + e.getMessage(), e);
        }
        if (kind.isPresent()) {
            throw ImageSourceException.invalid("The archive " + source + " is " + kind.get() + ", not a file; give a"
                    + " file " + format.written + ".", null);
        }
    }

    /**
     * Whether {@code file} starts with the gzip magic bytes; checked to be a regular file before it is opened.
     *
     * @throws ImageSourceException when it is missing, not a regular file or unreadable
     */
    public static boolean isGzip(Path file, String source) {
        return isGzip(file, source, Format.DOCKER_SAVE);
    }

    /**
     * Whether {@code file} starts with the gzip magic bytes; checked to be a regular file before it is opened.
     *
     * @param format what kind of archive it should be, for messages
     * @throws ImageSourceException when it is missing, not a regular file or unreadable
     */
    public static boolean isGzip(Path file, String source, Format format) {
        requireFile(file, source, format);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        } catch (NoSuchFileException e) {
            throw missing(file, source, "does not exist", format);
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read the archive " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lists the entries of a plain tar file.
     *
     * @throws ImageSourceException when the file is missing, not a tar, or truncated in its headers
     */
    public static DockerArchiveFile open(Path file, String source) {
        return open(file, source, Format.DOCKER_SAVE);
    }

    /**
     * Lists the entries of a plain tar file. Entry names that climb out of the archive are refused here; links are
     * recorded and followed, only to entries of the archive, when a path is looked up ({@link TarPaths}).
     *
     * @param format what kind of archive it should be, for messages
     * @throws ImageSourceException when the file is missing, not a tar, or truncated in its headers, or an entry's
     *         name climbs out of it
     */
    public static DockerArchiveFile open(Path file, String source, Format format) {
        requireFile(file, source, format);
        Map<String, Entry> entries = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        Set<String> control = new HashSet<>();
        long length;
        try (TarFile tar = new TarFile(file)) {
            length = Files.size(file);
            for (TarArchiveEntry entry : tar.getEntries()) {
                String name = TarPaths.entryName(entry.getName(), source);
                TarPaths.once(name, control, source);
                if (entry.isSymbolicLink()) {
                    links.put(name, TarPaths.linkTarget(name, entry.getLinkName()));
                } else if (entry.isLink()) {
                    links.put(name, TarPaths.hardLinkTarget(entry.getLinkName()));
                } else if (entry.isFile()) {
                    if (entry.getDataOffset() + entry.getSize() > length) {
                        throw ImageSourceException.invalid("The archive " + source + " is truncated: its entry " + name
                                + " ends past the end of the file. Re-create it (" + format.writer + ").", null);
                    }
                    entries.put(name, new Entry(entry.getDataOffset(), entry.getSize()));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageSourceException typed) {
                throw typed;
            }
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("truncated")) {
                throw ImageSourceException.invalid("The archive " + source + " is truncated (" + e.getMessage()
                        + "). Re-create it (" + format.writer + ").", e);
            }
            throw ImageSourceException.invalid("The archive " + source + " is not a readable tar (" + e.getMessage()
                    + "). Give a file " + format.written + ".", e);
        }
        if (entries.isEmpty()) {
            throw ImageSourceException.invalid("The archive " + source + " is not a tar, or an empty one. Give a file "
                    + format.written + ".", null);
        }
        return new DockerArchiveFile(file, source, entries, links, format);
    }

    /** What an OCI archive is, in messages. */
    static final String OCI_ARCHIVE = "an OCI archive (a tar of an OCI image layout, as podman save --format"
            + " oci-archive and skopeo copy … oci-archive: write)";

    /** How to read an OCI archive, {@code file} ({@code null} when it is gzip-compressed): as {@code oci-archive:}. */
    static String unpack(Path file) {
        return file == null ? "gunzip it, then read it as oci-archive:FILE"
                : "read it as oci-archive:" + SourceFiles.shown(file);
    }

    /**
     * The error for an archive without {@code manifest.json}: when it holds {@code oci-layout} and
     * {@code index.json} it is an OCI archive, which {@code docker-archive:} does not read; else not a docker save
     * archive at all.
     *
     * @param file the archive; {@code null} for a stream
     * @param source the source, for messages
     * @param ociLayout whether it holds {@code oci-layout} and {@code index.json}
     * @return the error to throw
     */
    public static ImageSourceException withoutManifest(Path file, String source, boolean ociLayout) {
        if (ociLayout) {
            return ImageSourceException.invalid("The archive " + source + " is " + OCI_ARCHIVE + ", not a docker save"
                    + " archive: it has no manifest.json, which docker-archive: reads; " + unpack(file) + ".", null);
        }
        return ImageSourceException.invalid("The archive " + source + " has no manifest.json; is it a docker save"
                + " archive?", null);
    }

    /** Whether a regular file lies at {@code path} (after following links). */
    public boolean has(String path) {
        return entries.containsKey(TarPaths.resolve(path, links, source));
    }

    /** The size in bytes of the file at {@code path}. */
    public long size(String path) {
        return entry(path).size;
    }

    /** The whole file at {@code path}, which must be smaller than {@code max} bytes. */
    public byte[] read(String path, int max) {
        Entry entry = entry(path);
        if (entry.size > max) {
            throw ImageSourceException.invalid("The entry " + path + " of " + source + " is " + entry.size
                    + " bytes, more than the " + max + " a JSON file of an image may have.", null);
        }
        try (InputStream in = new ByteRange(file, entry.offset, entry.size)) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw ImageSourceException.invalid("The archive " + source + " is truncated in " + path + ".", e);
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot read " + path + " in " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the file at {@code path}; the caller closes the stream.
     *
     * @throws ImageSourceException when there is none
     */
    public InputStream open(String path) throws IOException {
        Entry entry = entry(path);
        return new ByteRange(file, entry.offset, entry.size);
    }

    private Entry entry(String path) {
        Entry entry = entries.get(TarPaths.resolve(path, links, source));
        if (entry == null) {
            throw ImageSourceException.invalid("The archive " + source + " is missing " + path + ", which its"
                    + (format == Format.DOCKER_SAVE ? " manifest.json" : " index.json or a manifest") + " names."
                    + " Re-create it (" + format.writer + ").", null);
        }
        return entry;
    }
}
