package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.push.ImageSourceException;
import dev.hoist.testing.TestArchives;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A source held in memory: one image manifest and its blobs, built in test code. */
final class MemorySource implements CopySource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RawManifest root;
    private final Map<String, byte[]> blobs;

    MemorySource(RawManifest root, Map<String, byte[]> blobs) {
        this.root = root;
        this.blobs = blobs;
    }

    /**
     * An OCI image manifest of {@code image}: its config, and each layer as {@code layerBlobs} gives it (the tar
     * itself, its gzip, or any bytes) with {@code layerType}.
     */
    static MemorySource image(byte[] config, List<byte[]> layerBlobs, String layerType) {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", TestArchives.sha256(config)).put("size", config.length);
        blobs.put(TestArchives.sha256(config), config);
        ArrayNode layers = manifest.putArray("layers");
        for (byte[] layer : layerBlobs) {
            layers.addObject().put("mediaType", layerType).put("digest", TestArchives.sha256(layer))
                    .put("size", layer.length);
            blobs.put(TestArchives.sha256(layer), layer);
        }
        try {
            return new MemorySource(RawManifest.of(MediaTypes.OCI_MANIFEST, JSON.writeValueAsBytes(manifest)), blobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code image} with gzip layers. */
    static MemorySource gzipImage(TestArchives.Image image) {
        return image(image.config(), image.layers().stream().map(TestArchives::gzip).toList(),
                "application/vnd.oci.image.layer.v1.tar+gzip");
    }

    @Override
    public String display() {
        return "memory:" + root.digest();
    }

    @Override
    public RawManifest root() {
        return root;
    }

    @Override
    public RawManifest manifest(Descriptor descriptor) {
        throw ImageSourceException.invalid("no child manifests here", null);
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) {
        byte[] bytes = blobs.get(descriptor.digest());
        if (bytes == null) {
            throw ImageSourceException.invalid("no blob " + descriptor.digest(), null);
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean hasBlob(Descriptor descriptor) {
        return blobs.containsKey(descriptor.digest());
    }

    @Override
    public void close() {
    }
}
