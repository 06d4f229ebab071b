package dev.hoist.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * Builds a small single-layer image as a {@code docker save} archive, without a registry
 * or a network: the layer holds one file of random bytes, so every archive is new content
 * and a push of it moves real bytes.
 */
public final class ImageArchive {

    private final byte[] bytes;
    private final String configDigest;

    private ImageArchive(byte[] bytes, String configDigest) {
        this.bytes = bytes;
        this.configDigest = configDigest;
    }

    /**
     * @param repoTag the name the image gets when loaded, for example {@code hoist-demo:1a2b}
     * @param payloadBytes how many random bytes the layer carries
     * @param random the source of the payload
     */
    public static ImageArchive randomImage(String repoTag, int payloadBytes, Random random) {
        byte[] payload = new byte[payloadBytes];
        random.nextBytes(payload);
        try {
            byte[] layer = tar(w -> w.addFile("hoist/payload.bin", payload));
            String diffId = "sha256:" + sha256(layer);
            String config = "{\"architecture\":\"amd64\",\"os\":\"linux\","
                    + "\"config\":{\"Labels\":{\"dev.hoist.generated\":\"true\"}},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
                    + "\"history\":[{\"created_by\":\"hoist ImageArchive\"}]}";
            byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
            String configHex = sha256(configBytes);
            String layerPath = diffId.substring(7) + "/layer.tar";
            String manifest = "[{\"Config\":\"" + configHex + ".json\",\"RepoTags\":[\"" + repoTag
                    + "\"],\"Layers\":[\"" + layerPath + "\"]}]";
            byte[] archive = tar(w -> {
                w.addFile(configHex + ".json", configBytes);
                w.addFile(layerPath, layer);
                w.addFile("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
            });
            return new ImageArchive(archive, "sha256:" + configHex);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** The archive, ready for {@code docker load}. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The image id the engine will give it: the digest of its config. */
    public String imageId() {
        return configDigest;
    }

    private interface Entries {
        void write(TarWriter writer) throws IOException;
    }

    private static byte[] tar(Entries entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(out)) {
            entries.write(writer);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
