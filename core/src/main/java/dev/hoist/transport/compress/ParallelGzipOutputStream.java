package dev.hoist.transport.compress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream (RFC 1952) compressed on several cores, the way pigz does it: the input is cut into blocks, each
 * block is deflated on its own by a task of {@code executor} with the previous 32 KiB as its preset dictionary
 * and ends in a sync flush (the last block in the final flush), and the blocks are written in order. The result
 * is one ordinary deflate stream, readable by any gzip reader, and the same bytes for the same input, block size
 * and level whatever the thread timing.
 *
 * <p>A block that does not compress (a sample of it does not shrink) is stored instead of deflated, so random
 * or already-compressed content costs little more than a copy.
 *
 * <p>Memory is bounded: at most {@code maxInFlight} blocks (input and output) are held at once. The caller's
 * thread computes the CRC-32 and writes the finished blocks, so compression overlaps with writing.
 */
final class ParallelGzipOutputStream extends OutputStream {

    private static final int DICTIONARY = 32 * 1024;
    private static final int SAMPLE = 16 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final ExecutorService executor;
    private final int level;
    private final int blockSize;
    private final int maxInFlight;
    private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block;
    private int filled;
    private byte[] dictionary;
    private long total;
    private boolean headerWritten;
    private boolean finished;

    /**
     * @param out where the gzip bytes go; not closed by {@link #close()}
     * @param executor runs the block compressions; must not be the thread pool the caller runs on if that pool is
     *        bounded, or the caller may wait on itself
     * @param level the deflate level, 1 to 9
     * @param blockSize bytes of input per block, at least 64 KiB
     * @param maxInFlight how many blocks may be compressing at once, at least 1
     */
    ParallelGzipOutputStream(OutputStream out, ExecutorService executor, int level, int blockSize, int maxInFlight) {
        this.out = out;
        this.executor = executor;
        this.level = level;
        this.blockSize = blockSize;
        this.maxInFlight = maxInFlight;
        this.block = new byte[blockSize];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, blockSize - filled);
            System.arraycopy(data, offset, block, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == blockSize) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        if (!headerWritten) {
            out.write(HEADER);
            headerWritten = true;
        }
        byte[] input = block;
        int length = filled;
        byte[] dict = dictionary;
        crc.update(input, 0, length);
        total += length;
        if (length >= DICTIONARY) {
            dictionary = Arrays.copyOfRange(input, length - DICTIONARY, length);
        } else if (length > 0) {
            byte[] merged = new byte[Math.min(DICTIONARY, (dict == null ? 0 : dict.length) + length)];
            int keep = merged.length - length;
            if (keep > 0) {
                System.arraycopy(dict, dict.length - keep, merged, 0, keep);
            }
            System.arraycopy(input, 0, merged, keep, length);
            dictionary = merged;
        }
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
        inFlight.add(executor.submit(() -> deflate(input, length, dict, last)));
        block = last ? null : new byte[blockSize];
        filled = 0;
    }

    private byte[] deflate(byte[] input, int length, byte[] dict, boolean last) {
        Deflater deflater = new Deflater(incompressible(input, length) ? Deflater.NO_COMPRESSION : level, true);
        try {
            if (dict != null) {
                deflater.setDictionary(dict);
            }
            deflater.setInput(input, 0, length);
            if (last) {
                deflater.finish();
            }
            byte[] buffer = new byte[length + length / 8 + 1024];
            int size = 0;
            while (true) {
                if (size == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int available = buffer.length - size;
                int n = deflater.deflate(buffer, size, available, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                size += n;
                if (last ? deflater.finished() : n < available) {
                    break;
                }
            }
            return Arrays.copyOf(buffer, size);
        } finally {
            deflater.end();
        }
    }

    /**
     * Whether a block looks incompressible (random or already-compressed bytes): a sample of it does not shrink
     * by 3 % at level 1. Such blocks are stored (deflate's stored blocks, still valid gzip) rather than run through
     * the compressor for nothing, as klauspost/compress does for skopeo; this costs compressing a sixteenth of
     * the block once.
     */
    private static boolean incompressible(byte[] input, int length) {
        if (length < 4 * SAMPLE) {
            return false;
        }
        Deflater probe = new Deflater(1, true);
        try {
            probe.setInput(input, (length - SAMPLE) / 2, SAMPLE);
            probe.finish();
            byte[] out = new byte[SAMPLE + 1024];
            int size = 0;
            while (!probe.finished() && size < out.length) {
                size += probe.deflate(out, size, out.length - size);
            }
            return size > SAMPLE * 97L / 100;
        } finally {
            probe.end();
        }
    }

    private void drainOne() throws IOException {
        Future<byte[]> next = inFlight.poll();
        try {
            out.write(next.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAll();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            cancelAll();
            throw new IOException("compression failed", e.getCause());
        }
    }

    private void cancelAll() {
        for (Future<byte[]> pending : inFlight) {
            pending.cancel(true);
        }
        inFlight.clear();
    }

    /** Writes the last block and the gzip trailer; does not close the underlying stream. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        submit(true);
        while (!inFlight.isEmpty()) {
            drainOne();
        }
        long value = crc.getValue();
        byte[] trailer = new byte[8];
        for (int i = 0; i < 4; i++) {
            trailer[i] = (byte) (value >>> (8 * i));
            trailer[4 + i] = (byte) (total >>> (8 * i));
        }
        out.write(trailer);
        out.flush();
    }

    /** Finishes the stream, unless it failed; never closes the underlying stream. */
    @Override
    public void close() throws IOException {
        finish();
    }

    /** Stops pending block compressions after a failure elsewhere. */
    void abandon() {
        finished = true;
        cancelAll();
    }
}
