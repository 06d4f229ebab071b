package dev.hoist.transport.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * A Docker image manifest, schema 2, as {@code docker push} writes it for an image of gzip layers.
 *
 * <p>{@link #toBytes()} is what the registry stores and hashes into the image's digest: Jackson's default pretty
 * printer, fields in the order schemaVersion, mediaType, config, layers, and each descriptor's in the order
 * mediaType, size, digest. Those bytes must not change, or every image pushed from a docker source gets a new
 * digest.
 *
 * @param schemaVersion always 2
 * @param mediaType always {@link MediaTypes#DOCKER_MANIFEST}
 * @param config the image config blob
 * @param layers the layer blobs, base layer first
 */
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers"})
public record DockerManifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers) {

    private static final ObjectWriter WRITER = new ObjectMapper().writerWithDefaultPrettyPrinter();

    public DockerManifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
    }

    /**
     * The manifest of an image whose config is {@code configDigest} ({@code configSize} bytes) and whose layers
     * are gzip blobs.
     *
     * @param layers each layer's gzip blob, base layer first; their media types are set to
     *        {@link MediaTypes#DOCKER_LAYER_GZIP}, but for a non-distributable layer's, which is kept with its
     *        {@code urls}
     */
    public static DockerManifest of(String configDigest, long configSize, List<Descriptor> layers) {
        return new DockerManifest(2, MediaTypes.DOCKER_MANIFEST,
                new Descriptor(MediaTypes.DOCKER_CONFIG, configDigest, configSize),
                layers.stream().map(layer -> MediaTypes.isNondistributable(layer.mediaType()) ? layer
                        : layer.withMediaType(MediaTypes.DOCKER_LAYER_GZIP)).toList());
    }

    /** The exact bytes to put: pretty-printed JSON, as {@code docker push} writes them. */
    public byte[] toBytes() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
