package dev.hoist.transport.source;

import dev.hoist.push.ImageSourceException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a tar stream (a gzip archive after decompression, or the engine's save stream) entry by entry. */
public final class TarStream {

    /** Receives each regular file; it may read the content or leave it, the rest is skipped. */
    public interface Handler {
        /**
         * @param name the normalised entry path
         * @param size its size in bytes
         * @param content its bytes, valid until this method returns; do not close it
         */
        void entry(String name, long size, InputStream content) throws IOException;
    }

    private TarStream() {
    }

    /**
     * Calls {@code handler} for every regular file and records every link into {@code links}.
     *
     * @param source the source, for messages
     * @throws ImageSourceException when the stream is not a tar, or ends early
     */
    public static void read(InputStream in, String source, Handler handler, Map<String, String> links) {
        int files = 0;
        Set<String> control = new HashSet<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = TarPaths.entryName(entry.getName(), source);
                TarPaths.once(name, control, source);
                if (entry.isSymbolicLink()) {
                    links.put(name, TarPaths.linkTarget(name, entry.getLinkName()));
                } else if (entry.isLink()) {
                    links.put(name, TarPaths.hardLinkTarget(entry.getLinkName()));
                } else if (entry.isFile()) {
                    files++;
                    handler.entry(name, entry.getSize(), tar);
                }
            }
        } catch (EOFException e) {
            throw ImageSourceException.invalid("The archive " + source + " is truncated (" + e.getMessage()
                    + "). Re-create it (docker save).", e);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase(java.util.Locale.ROOT).contains("truncated")) {
                throw ImageSourceException.invalid("The archive " + source + " is truncated (" + message
                        + "). Re-create it (docker save).", e);
            }
            throw ImageSourceException.invalid("The archive " + source + " is not a readable tar (" + message
                    + "). Give a file written by docker save, plain or gzip-compressed.", e);
        } catch (IllegalArgumentException e) {
            throw ImageSourceException.invalid("The archive " + source + " is not a readable tar (" + e.getMessage()
                    + ").", e);
        }
        if (files == 0) {
            throw ImageSourceException.invalid("The archive " + source + " is not a tar, or an empty one. Give a file"
                    + " written by docker save, plain or gzip-compressed.", null);
        }
    }
}
