package dev.hoist.transport.source;

import dev.hoist.api.InvalidImageReferenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * What a file of a source is, asked before it is opened: opening a FIFO blocks until a writer comes, so an archive
 * or a layout's file that is not a regular file is refused without being opened.
 */
final class SourceFiles {

    private SourceFiles() {
    }

    /** {@code path} fit for a one-line message: a newline in it escaped, as in image reference errors. */
    static String shown(Path path) {
        return InvalidImageReferenceException.escape(String.valueOf(path));
    }

    /**
     * What {@code file} is, when it is not a regular file (links followed).
     *
     * @return empty for a regular file; else {@code "a directory"}, {@code "a FIFO (named pipe)"},
     *         {@code "a character device"}, {@code "a block device"}, {@code "a socket"} or {@code "not a regular
     *         file"}
     * @throws NoSuchFileException when nothing is there
     * @throws IOException when its attributes cannot be read
     */
    static Optional<String> notRegular(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isRegularFile()) {
            return Optional.empty();
        }
        if (attributes.isDirectory()) {
            return Optional.of("a directory");
        }
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            switch (type) {
                case 0010000: return Optional.of("a FIFO (named pipe)");
                case 0020000: return Optional.of("a character device");
                case 0060000: return Optional.of("a block device");
                case 0140000: return Optional.of("a socket");
                default: return Optional.of("not a regular file");
            }
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return Optional.of("not a regular file");
        }
    }
}
