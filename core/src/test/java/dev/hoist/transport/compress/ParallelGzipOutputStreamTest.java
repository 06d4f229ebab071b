package dev.hoist.transport.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parallel gzip stream expands, with the JDK's own reader, to exactly its input, and is deterministic. */
class ParallelGzipOutputStreamTest {

    private static final int BLOCK = 64 * 1024;
    private static ExecutorService pool;

    @BeforeAll
    static void pool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static byte[] compress(byte[] input, int level, int writeSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, pool, level, BLOCK, 4);
        for (int i = 0; i < input.length; i += writeSize) {
            gzip.write(input, i, Math.min(writeSize, input.length - i));
        }
        gzip.finish();
        return out.toByteArray();
    }

    private static byte[] expand(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, BLOCK - 1, BLOCK, BLOCK + 1, 5 * BLOCK + 12345})
    void randomAndRepetitiveInputRoundTrips(int size) throws IOException {
        byte[] random = new byte[size];
        new Random(size).nextBytes(random);
        byte[] repetitive = new byte[size];
        for (int i = 0; i < size; i++) {
            repetitive[i] = (byte) ("layer-" + (i / 100)).charAt(i % 6);
        }
        for (byte[] input : new byte[][] {random, repetitive}) {
            for (int level : new int[] {1, 6, 9}) {
                byte[] gz = compress(input, level, 7919);
                assertThat(expand(gz)).isEqualTo(input);
                assertThat(compress(input, level, 100_000)).as("same bytes whatever the write sizes").isEqualTo(gz);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3 * BLOCK})
    void repetitiveInputShrinksAcrossBlocks(int size) throws IOException {
        byte[] input = new byte[size];
        Arrays.fill(input, (byte) 'a');
        assertThat(compress(input, 6, 4096).length).isLessThan(size / 50);
    }
}
