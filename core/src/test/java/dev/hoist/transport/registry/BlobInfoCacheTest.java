package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob-info cache: survives restarts, merges concurrent writers, and ignores what it cannot read. */
class BlobInfoCacheTest {

    private static final String DIFF_A = "sha256:" + "a".repeat(64);
    private static final String DIFF_B = "sha256:" + "b".repeat(64);
    private static final String BLOB_A = "sha256:" + "1".repeat(64);
    private static final String BLOB_B = "sha256:" + "2".repeat(64);
    private static final String GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    @TempDir
    Path dir;

    @Test
    void twoWritersMergeAndANewReaderSeesBoth() throws Exception {
        BlobInfoCache one = new BlobInfoCache(dir);
        BlobInfoCache two = new BlobInfoCache(dir);
        one.compressedFor("r:5000", DIFF_A);
        two.compressedFor("r:5000", DIFF_A);
        one.rememberLayer("r:5000", DIFF_A, new BlobInfoCache.Blob(BLOB_A, 10, GZIP, -1));
        one.rememberRepository("r:5000", BLOB_A, "team/a");
        two.rememberLayer("r:5000", DIFF_B, new BlobInfoCache.Blob(BLOB_B, 20, GZIP, -1));
        two.rememberRepository("r:5000", BLOB_A, "team/b");
        one.save();
        two.save();
        BlobInfoCache reader = new BlobInfoCache(dir);
        assertThat(reader.compressedFor("r:5000", DIFF_A)).contains(new BlobInfoCache.Blob(BLOB_A, 10, GZIP, -1));
        assertThat(reader.compressedFor("r:5000", DIFF_B)).contains(new BlobInfoCache.Blob(BLOB_B, 20, GZIP, -1));
        assertThat(reader.repositoriesHolding("r:5000", BLOB_A)).containsExactly("team/a", "team/b");
        assertThat(reader.compressedFor("other:5000", DIFF_A)).isEmpty();
        try (var files = Files.list(dir.resolve("blob-info"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aCorruptFileOrAnEntryOfTheWrongShapeIsIgnoredAndRewritten() throws Exception {
        Path file = dir.resolve("blob-info/r_5000.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"version\":1,\"layers\":{\"" + DIFF_A + "\":{\"digest\":\"md5:x\",\"size\":1,"
                + "\"mediaType\":\"" + GZIP + "\"},\"" + DIFF_B + "\":{\"digest\":\"" + BLOB_B + "\",\"size\":2,"
                + "\"mediaType\":\"" + GZIP + "\"}},\"repositories\":{\"" + BLOB_B + "\":[7, \"team/ok\"]}}");
        BlobInfoCache cache = new BlobInfoCache(dir);
        assertThat(cache.compressedFor("r:5000", DIFF_A)).isEmpty();
        assertThat(cache.compressedFor("r:5000", DIFF_B)).isPresent();
        assertThat(cache.repositoriesHolding("r:5000", BLOB_B)).containsExactly("team/ok");

        Files.writeString(file, "{\"version\":1,\"layers\":");
        BlobInfoCache afterCorruption = new BlobInfoCache(dir);
        assertThat(afterCorruption.compressedFor("r:5000", DIFF_B)).isEmpty();
        afterCorruption.rememberLayer("r:5000", DIFF_A, new BlobInfoCache.Blob(BLOB_A, 1, GZIP, -1));
        afterCorruption.save();
        assertThat(new BlobInfoCache(dir).compressedFor("r:5000", DIFF_A)).isPresent();
    }
}
