package dev.hoist.distribution;

import dev.hoist.push.RegistryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A blob's bytes, checked while they are read: more bytes than its descriptor's size, or, at the end, fewer or a
 * sha256 other than its digest, end the read with {@link RegistryException} {@code DIGEST_MISMATCH}. So whatever
 * consumes the stream (an upload, a file) never finishes with bytes that are not the blob.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private final String what;
    private final String digest;
    private final long size;
    private final MessageDigest hash = Digests.sha256();
    private final java.util.function.BiFunction<String, String, RuntimeException> mismatch;
    private long read;
    private boolean checked;

    /**
     * @param in the bytes
     * @param what how a message names the blob, such as {@code localhost:5000/app blob sha256:ab…}
     * @param digest the digest the bytes must have, {@code sha256:<hex>}
     * @param size the size they must have, in bytes
     */
    public VerifyingInputStream(InputStream in, String what, String digest, long size) {
        this(in, what, digest, size, (expected, actual) -> RegistryException.fetchedDigestMismatch(what, expected,
                actual));
    }

    /**
     * As {@link #VerifyingInputStream(InputStream, String, String, long)}, with the error a mismatch throws.
     *
     * @param mismatch makes the error from what was expected and what came, such as
     *        {@code sha256:… (1024 bytes)} and {@code more than 1024 bytes}
     */
    public VerifyingInputStream(InputStream in, String what, String digest, long size,
                                java.util.function.BiFunction<String, String, RuntimeException> mismatch) {
        super(in);
        this.what = what;
        this.digest = digest;
        this.size = size;
        this.mismatch = mismatch;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            check();
            return n;
        }
        hash.update(buffer, offset, n);
        read += n;
        if (read > size) {
            throw mismatch.apply(digest + " (" + size + " bytes)", "more than " + size + " bytes");
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int got = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() {
        if (checked) {
            return;
        }
        checked = true;
        String actual = Digests.format(hash.digest());
        if (read != size || !actual.equals(digest)) {
            throw mismatch.apply(digest + " (" + size + " bytes)", actual + " (" + read + " bytes)");
        }
    }
}
