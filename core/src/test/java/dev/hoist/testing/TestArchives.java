package dev.hoist.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds {@code docker save} archives in test code, without a daemon: images of several layers of random bytes,
 * in the legacy format ({@code manifest.json}, {@code <id>.json}, {@code <dir>/layer.tar}) or in the OCI layout
 * Docker 25+ writes ({@code blobs/sha256/…}, {@code index.json}, plus {@code manifest.json}); and OCI layouts.
 */
public final class TestArchives {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestArchives() {
    }

    /** An image made of layer tars and a config. */
    public record Image(byte[] config, List<byte[]> layers) {

        /** The image id: the digest of the config. */
        public String id() {
            return sha256(config);
        }

        /** The layers' diffIDs. */
        public List<String> diffIds() {
            return layers.stream().map(TestArchives::sha256).toList();
        }
    }

    /** An image of {@code layerSizes.length} layers, each a tar holding one file of that many random bytes. */
    public static Image randomImage(int... layerSizes) {
        List<byte[]> layers = new ArrayList<>();
        for (int i = 0; i < layerSizes.length; i++) {
            byte[] payload = new byte[layerSizes[i]];
            RANDOM.nextBytes(payload);
            layers.add(tar(Map.of("hoist/layer-" + i + ".bin", payload)));
        }
        return withLayers(layers);
    }

    /** An image of the given layer tars, with a config naming their diffIDs. */
    public static Image withLayers(List<byte[]> layers) {
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("config").putObject("Labels").put("dev.hoist.test", HexFormat.of().formatHex(randomBytes(6)));
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        for (byte[] layer : layers) {
            diffIds.add(sha256(layer));
            history.addObject().put("created_by", "hoist TestArchives");
        }
        try {
            return new Image(JSON.writeValueAsBytes(config), List.copyOf(layers));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Writes {@code image} as a legacy {@code docker save} archive named {@code repoTag}. */
    public static Path legacyArchive(Image image, String repoTag, Path file, boolean gzip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> layerPaths = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            String dir = HexFormat.of().formatHex(randomBytes(32));
            entries.put(dir + "/VERSION", "1.0".getBytes());
            entries.put(dir + "/layer.tar", image.layers().get(i));
            layerPaths.add(dir + "/layer.tar");
        }
        String configName = image.id().substring(7) + ".json";
        entries.put(configName, image.config());
        entries.put("manifest.json", manifestJson(configName, repoTag, layerPaths));
        write(entries, file, gzip);
        return file;
    }

    /** Writes {@code image} as Docker 25+ does: an OCI layout with uncompressed layers, plus {@code manifest.json}. */
    public static Path ociFormatArchive(Image image, String repoTag, Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", image.id()).put("size", image.config().length);
        ArrayNode layers = manifest.putArray("layers");
        List<String> layerPaths = new ArrayList<>();
        for (byte[] layer : image.layers()) {
            String digest = sha256(layer);
            layers.addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar").put("digest", digest)
                    .put("size", layer.length);
            entries.put("blobs/sha256/" + digest.substring(7), layer);
            layerPaths.add("blobs/sha256/" + digest.substring(7));
        }
        entries.put("blobs/sha256/" + image.id().substring(7), image.config());
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        entries.put("blobs/sha256/" + sha256(manifestBytes).substring(7), manifestBytes);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", sha256(manifestBytes)).put("size", manifestBytes.length)
                .putObject("annotations").put("io.containerd.image.name", repoTag);
        entries.put("index.json", JSON.writeValueAsBytes(index));
        entries.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
        entries.put("manifest.json", manifestJson("blobs/sha256/" + image.id().substring(7), repoTag, layerPaths));
        write(entries, file, false);
        return file;
    }

    /**
     * Writes an OCI layout of several images under one multi-platform index tagged {@code ref}, layers
     * gzip-compressed.
     *
     * @param platforms {@code "linux/amd64"}, {@code "linux/arm64"}, one per image
     * @return the index's digest
     */
    public static String multiPlatformLayout(List<Image> images, List<String> platforms, String ref, Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        for (int i = 0; i < images.size(); i++) {
            String[] platform = platforms.get(i).split("/");
            ObjectNode configJson = (ObjectNode) JSON.readTree(images.get(i).config());
            configJson.put("os", platform[0]).put("architecture", platform[1]);
            Image image = new Image(JSON.writeValueAsBytes(configJson), images.get(i).layers());
            ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                    .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                    .put("digest", blob(dir, image.config())).put("size", image.config().length);
            ArrayNode layers = manifest.putArray("layers");
            for (byte[] layer : image.layers()) {
                byte[] gz = gzip(layer);
                layers.addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
                        .put("digest", blob(dir, gz)).put("size", gz.length);
            }
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            ObjectNode entry = manifests.addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                    .put("digest", blob(dir, manifestBytes)).put("size", manifestBytes.length);
            entry.putObject("platform").put("os", platform[0]).put("architecture", platform[1]);
        }
        byte[] indexBytes = JSON.writeValueAsBytes(index);
        String indexDigest = blob(dir, indexBytes);
        ObjectNode top = JSON.createObjectNode().put("schemaVersion", 2);
        top.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.index.v1+json")
                .put("digest", indexDigest).put("size", indexBytes.length)
                .putObject("annotations").put("org.opencontainers.image.ref.name", ref);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(top));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return indexDigest;
    }

    private static String blob(Path dir, byte[] bytes) throws IOException {
        String digest = sha256(bytes);
        Files.write(dir.resolve("blobs/sha256/" + digest.substring(7)), bytes);
        return digest;
    }

    private static byte[] manifestJson(String config, String repoTag, List<String> layers) throws IOException {
        ArrayNode root = JSON.createArrayNode();
        ObjectNode image = root.addObject().put("Config", config);
        image.putArray("RepoTags").add(repoTag);
        ArrayNode layerNode = image.putArray("Layers");
        layers.forEach(layerNode::add);
        return JSON.writeValueAsBytes(root);
    }

    /** A tar of the given files. */
    public static byte[] tar(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTar(files, out);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toByteArray();
    }

    /** Writes a tar (gzip-compressed when {@code gzip}) of {@code entries}, in their order. */
    public static Path archive(Map<String, byte[]> entries, Path file, boolean gzip) throws IOException {
        write(entries, file, gzip);
        return file;
    }

    /**
     * Writes a tar (gzip-compressed when {@code gzip}) of {@code entries}, then of {@code links}: each a symbolic
     * link to its value, or a hard link when the value starts with {@code "hard:"}.
     */
    public static Path archive(Map<String, byte[]> entries, Map<String, String> links, Path file, boolean gzip)
            throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> link : links.entrySet()) {
                boolean hard = link.getValue().startsWith("hard:");
                TarArchiveEntry entry = new TarArchiveEntry(link.getKey(),
                        hard ? TarArchiveEntry.LF_LINK : TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName(hard ? link.getValue().substring(5) : link.getValue());
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            writeEntries(entries, tar);
        }
        return file;
    }

    private static void write(Map<String, byte[]> entries, Path file, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            writeTar(entries, out);
        }
    }

    private static void writeTar(Map<String, byte[]> files, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        writeEntries(files, tar);
    }

    private static void writeEntries(Map<String, byte[]> files, TarArchiveOutputStream tar) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
            entry.setSize(file.getValue().length);
            entry.setModTime(0);
            tar.putArchiveEntry(entry);
            tar.write(file.getValue());
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    /** gzip of {@code bytes}. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toByteArray();
    }

    /** {@code sha256:<hex>}. */
    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A source of randomness for callers. */
    public static Random random() {
        return RANDOM;
    }
}
