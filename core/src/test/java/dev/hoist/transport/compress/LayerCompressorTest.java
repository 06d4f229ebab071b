package dev.hoist.transport.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.testing.TestArchives;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A layer becomes the gzip blob pushed, with its digest, size and diffID known once written. */
class LayerCompressorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final LayerCompressor compressor = new LayerCompressor(pool, 2, 1);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static byte[] layer(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        // Half random, half zeros: several gzip blocks, some compressible.
        return TestArchives.tar(java.util.Map.of("a.bin", bytes, "b.bin", new byte[size]));
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void anUncompressedLayerIsGzippedAndItsThreeDigestsAreKnown() throws Exception {
        byte[] tar = layer(700_000);
        LayerCompressor.Compression compression = compressor.start(new ByteArrayInputStream(tar));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();

        compression.writeTo(sent);

        LayerCompressor.CompressedLayer result = compression.result();
        assertThat(gunzip(sent.toByteArray())).isEqualTo(tar);
        assertThat(result.digest()).isEqualTo(TestArchives.sha256(sent.toByteArray()));
        assertThat(result.size()).isEqualTo(sent.size()).isLessThan(tar.length);
        assertThat(result.diffId()).isEqualTo(TestArchives.sha256(tar));
    }

    @Test
    void aGzipLayerIsSentAsItIsAndItsDiffIdIsTheDigestOfItsExpansion() throws Exception {
        byte[] tar = layer(300_000);
        byte[] gzip = TestArchives.gzip(tar);
        LayerCompressor.Compression compression = compressor.start(new ByteArrayInputStream(gzip));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();

        compression.writeTo(sent);

        LayerCompressor.CompressedLayer result = compression.result();
        assertThat(sent.toByteArray()).isEqualTo(gzip);
        assertThat(result.digest()).isEqualTo(TestArchives.sha256(gzip));
        assertThat(result.size()).isEqualTo(gzip.length);
        assertThat(result.diffId()).isEqualTo(TestArchives.sha256(tar));
    }

    @Test
    void bytesAfterTheLastGzipMemberAreSentUnchanged() throws Exception {
        byte[] tar = layer(1_000);
        byte[] gzip = TestArchives.gzip(tar);
        byte[] padded = java.util.Arrays.copyOf(gzip, gzip.length + 512);
        LayerCompressor.Compression compression = compressor.start(new ByteArrayInputStream(padded));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();

        compression.writeTo(sent);

        assertThat(sent.toByteArray()).isEqualTo(padded);
        assertThat(compression.result().diffId()).isEqualTo(TestArchives.sha256(tar));
    }

    @Test
    void anEmptyLayerIsAnEmptyGzip() throws Exception {
        LayerCompressor.Compression compression = compressor.start(new ByteArrayInputStream(new byte[0]));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();

        compression.writeTo(sent);

        assertThat(gunzip(sent.toByteArray())).isEmpty();
        assertThat(compression.result().diffId()).isEqualTo(TestArchives.sha256(new byte[0]));
    }

    @Test
    void thereIsNoResultBeforeTheLayerWasWritten() throws Exception {
        LayerCompressor.Compression compression = compressor.start(new ByteArrayInputStream(layer(10)));

        assertThatThrownBy(compression::result).isInstanceOf(IllegalStateException.class);
    }
}
