package dev.hoist.image;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a POSIX tar archive of regular files, all an image archive needs, with Apache Commons Compress.
 * Entries are owned by root, mode 0644, dated at the epoch, so the same content gives the same bytes.
 */
final class TarWriter implements AutoCloseable {

    private final TarArchiveOutputStream tar;

    TarWriter(OutputStream out) {
        this.tar = new TarArchiveOutputStream(new NonClosing(out));
        // Long names (over 100 bytes) as PAX headers, which docker and every modern tar read.
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Adds a regular file with mode 0644, owned by root, dated at the epoch for reproducible layers. */
    void addFile(String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100644);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
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
