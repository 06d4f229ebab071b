package dev.hoist.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a POSIX tar archive of regular files and directories, all an image archive needs, with Apache Commons
 * Compress, so that the same content gives the same bytes: every entry owned by uid and gid 0 with no user or group
 * name, dated at the epoch, files mode 0644 and directories 0755; names longer than 100 bytes and sizes of 8 GiB or
 * more as PAX headers, which docker and every modern tar read. Used for {@link ImageArchive} and by the copy's
 * archive destinations ({@code oci-archive:}, {@code docker-archive:}).
 */
public final class TarWriter implements AutoCloseable {

    private final TarArchiveOutputStream tar;

    /** @param out where the archive goes; not closed by {@link #close()} */
    public TarWriter(OutputStream out) {
        this.tar = new TarArchiveOutputStream(new NonClosing(out));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Adds a regular file of {@code content}. */
    public void addFile(String name, byte[] content) throws IOException {
        TarArchiveEntry entry = entry(name, TarArchiveEntry.LF_NORMAL);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /**
     * Adds a regular file of {@code size} bytes, streamed from {@code content} (not closed here).
     *
     * @throws IOException also when {@code content} ends before {@code size} bytes or goes on past them
     */
    public void addFile(String name, long size, InputStream content) throws IOException {
        TarArchiveEntry entry = entry(name, TarArchiveEntry.LF_NORMAL);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        int n;
        while ((n = content.read(buffer, 0, (int) Math.min(buffer.length, size - copied + 1))) > 0) {
            copied += n;
            if (copied > size) {
                throw new IOException("the file " + name + " has more than the " + size + " bytes it was to have");
            }
            tar.write(buffer, 0, n);
        }
        if (copied != size) {
            throw new IOException("the file " + name + " has " + copied + " bytes, not the " + size + " it was to have");
        }
        tar.closeArchiveEntry();
    }

    /** Adds a directory; {@code name} ends in {@code /}. */
    public void addDirectory(String name) throws IOException {
        tar.putArchiveEntry(entry(name, TarArchiveEntry.LF_DIR));
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, byte type) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setMode(type == TarArchiveEntry.LF_DIR ? 040755 : 0100644);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName(""); // else the name of the user running Hoist
        entry.setGroupName("");
        entry.setModTime(0);
        return entry;
    }

    /** Ends the archive with its two zero blocks; does not close the underlying stream. */
    @Override
    public void close() throws IOException {
        tar.finish();
        tar.close();
    }

    /** Keeps the caller's stream open when the tar stream closes. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            out.write(data, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
