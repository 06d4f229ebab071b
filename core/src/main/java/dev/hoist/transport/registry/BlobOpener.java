package dev.hoist.transport.registry;

import java.io.IOException;
import java.io.InputStream;

/** Opens a blob's bytes, again on every call: what makes an upload retryable as a whole. */
@FunctionalInterface
interface BlobOpener {
    InputStream open() throws IOException;
}
