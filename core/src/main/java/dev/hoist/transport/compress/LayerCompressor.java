package dev.hoist.transport.compress;

import dev.hoist.distribution.Digests;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.zip.GZIPInputStream;

/**
 * Turns a docker layer into the gzip blob that is pushed, while it streams into the upload: an uncompressed tar
 * is gzip-compressed on several cores ({@link ParallelGzipOutputStream}); a layer that is gzip already is sent as
 * it is, and expanded on the way only to hash its diffID. Either way the bytes sent are hashed and counted
 * ({@link HashingOutputStream}), so the blob's digest, size and diffID are known when the body is written: no
 * temporary file, no second pass. A copy from a docker source spools its layers through it
 * ({@code dev.hoist.transport.copy.DockerCopySource}).
 */
public final class LayerCompressor {

    /**
     * The blob a layer became.
     *
     * @param digest the gzip blob's digest
     * @param size the gzip blob's size in bytes
     * @param diffId the digest of the uncompressed layer
     * @param sourceSize how many bytes the layer had in its source (uncompressed, or gzip when it came so)
     */
    public record CompressedLayer(String digest, long size, String diffId, long sourceSize) {
    }

    private static final int GZIP_BLOCK = 256 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private final ExecutorService compressors;
    private final int threads;
    private final int level;

    /**
     * @param compressors the pool the gzip blocks are compressed on
     * @param threads that pool's size
     * @param level the gzip level, 1 to 9
     */
    public LayerCompressor(ExecutorService compressors, int threads, int level) {
        this.compressors = compressors;
        this.threads = threads;
        this.level = level;
    }

    /**
     * Prepares the compression of one layer: looks at its first bytes to tell whether it is gzip already.
     *
     * @param content the layer's bytes (not closed here)
     * @throws IOException when those first bytes cannot be read
     */
    public Compression start(InputStream content) throws IOException {
        BufferedInputStream in = new BufferedInputStream(content, COPY_BUFFER);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return new Compression(in, first == 0x1f && second == 0x8b);
    }

    /** One layer's compression: {@link #writeTo} once, then {@link #result()}. */
    public final class Compression {

        private final InputStream in;
        private final boolean gzipped;
        /** Bytes read from the source, as they were there. */
        private long read;
        private CompressedLayer result;

        private Compression(InputStream in, boolean gzipped) {
            this.in = new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        read++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        read += n;
                    }
                    return n;
                }
            };
            this.gzipped = gzipped;
        }

        /** Writes the gzip blob to {@code out} (not closed), hashing what is sent and what it expands to. */
        public void writeTo(OutputStream out) throws IOException {
            HashingOutputStream hashing = new HashingOutputStream(out);
            MessageDigest diff = Digests.sha256();
            if (gzipped) {
                // Already compressed: sent as it is; its diffID is the digest of what it expands to.
                pumpGzipped(hashing, diff);
            } else {
                compress(hashing, diff);
            }
            hashing.flush();
            result = new CompressedLayer(hashing.digest(), hashing.count(), Digests.format(diff.digest()), read);
        }

        /** The blob written, once {@link #writeTo} returned. */
        public CompressedLayer result() {
            if (result == null) {
                throw new IllegalStateException("The layer was not written yet");
            }
            return result;
        }

        private void compress(OutputStream out, MessageDigest diff) throws IOException {
            byte[] buffer = new byte[COPY_BUFFER];
            ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, compressors, level, GZIP_BLOCK,
                    threads + 1);
            try {
                int n;
                while ((n = Math.max(in.read(buffer), 0)) > 0) {
                    diff.update(buffer, 0, n);
                    gzip.write(buffer, 0, n);
                }
                gzip.finish();
            } catch (IOException | RuntimeException e) {
                gzip.abandon();
                throw e;
            }
        }

        /** Sends an already-compressed layer as it is, expanding a copy of it on the way to hash its diffID. */
        private void pumpGzipped(OutputStream out, MessageDigest diff) throws IOException {
            InputStream tee = new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        out.write(b);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        out.write(buffer, offset, n);
                    }
                    return n;
                }
            };
            byte[] buffer = new byte[COPY_BUFFER];
            GZIPInputStream expanded = new GZIPInputStream(tee, COPY_BUFFER);
            int n;
            while ((n = expanded.read(buffer)) > 0) {
                diff.update(buffer, 0, n);
            }
            while (tee.read(buffer) > 0) {
                // Bytes after the last gzip member go to the registry unchanged.
            }
        }
    }
}
