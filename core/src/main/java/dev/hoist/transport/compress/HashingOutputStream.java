package dev.hoist.transport.compress;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import dev.hoist.distribution.Digests;
import java.security.MessageDigest;

/** Passes bytes on while hashing and counting them. */
public final class HashingOutputStream extends FilterOutputStream {

    private final MessageDigest hash = Digests.sha256();
    private long count;

    /** @param out where the bytes go on to */
    public HashingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        hash.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
        hash.update(data, offset, length);
        count += length;
    }

    /** Does not close the underlying stream (the HTTP client owns it). */
    @Override
    public void close() throws IOException {
        flush();
    }

    /** {@code sha256:<hex>} of everything written; call once, at the end. */
    public String digest() {
        return Digests.format(hash.digest());
    }

    /** How many bytes were written. */
    public long count() {
        return count;
    }
}
