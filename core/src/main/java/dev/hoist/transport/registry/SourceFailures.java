package dev.hoist.transport.registry;

import dev.hoist.push.ImageSourceException;
import java.io.EOFException;
import java.io.IOException;

/** How a source that cannot be read is reported, the same from every reader and the uploader. */
final class SourceFailures {

    private SourceFailures() {
    }

    /** The {@code what} of {@code source} could not be read: truncated (EOF), or another I/O failure. */
    static ImageSourceException unreadable(String source, String what, IOException e) {
        if (e instanceof EOFException) {
            return ImageSourceException.invalid("The " + what + " of " + source + " is truncated ("
                    + e.getMessage() + ").", e);
        }
        return ImageSourceException.invalid("Cannot read the " + what + " of " + source + ": " + e.getMessage(), e);
    }
}
