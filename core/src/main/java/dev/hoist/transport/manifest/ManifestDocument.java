package dev.hoist.transport.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.push.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a manifest or index says, read from its exact bytes (never re-serialized for a copy): an index's entries
 * with their platforms, or an image manifest's config and layers. Reads the OCI image-spec's {@code index.json} /
 * {@code manifest.json} shapes, which Docker's schema 2 manifest and manifest list share.
 *
 * @param mediaType the media type it was served or stored with
 * @param entries an index's entries, in its order; empty for an image manifest
 * @param config an image manifest's config descriptor; empty for an index
 * @param layers an image manifest's layers, base first; empty for an index
 */
public record ManifestDocument(String mediaType, List<Entry> entries, Optional<Descriptor> config,
                               List<Descriptor> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An entry of an index.
     *
     * @param descriptor the child manifest's media type, digest and size
     * @param platform its platform; empty when the entry names none (an attestation, say)
     */
    public record Entry(Descriptor descriptor, Optional<Platform> platform) {
    }

    /** Whether it is an index (several manifests) rather than an image manifest. */
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType) || (!entries.isEmpty() && config.isEmpty());
    }

    /** Every blob an image manifest names: its config, then its layers. Empty for an index. */
    public List<Descriptor> blobs() {
        List<Descriptor> all = new ArrayList<>();
        config.ifPresent(all::add);
        all.addAll(layers);
        return all;
    }

    /**
     * The entry of this index for {@code platform}.
     *
     * @param what how the message names the image, such as {@code docker://localhost:5000/app:1}
     * <p>A platform without a variant matches every variant of its OS and architecture; when several entries match,
     * the one that names no variant is taken ({@code linux/amd64} beside {@code linux/amd64/v3}).
     *
     * @throws dev.hoist.push.RegistryException {@code NOT_FOUND} when no entry matches (naming the platforms there
     *         are), or several do and none names no variant (naming them: the variant decides)
     */
    public Entry entryFor(Platform platform, String what) {
        List<Entry> matching = entries.stream().filter(entry -> entry.platform().map(platform::matches).orElse(false))
                .toList();
        if (matching.isEmpty()) {
            throw dev.hoist.push.RegistryException.notFound(what + " has no manifest for platform " + platform
                    + "; it has " + platforms() + ".", 0, List.of());
        }
        if (matching.size() > 1 && platform.variant().isEmpty()) {
            // linux/amd64 beside linux/amd64/v3: the entry that names no variant is the one asked for.
            List<Entry> exact = matching.stream()
                    .filter(entry -> entry.platform().orElseThrow().variant().isEmpty()).toList();
            if (exact.size() == 1) {
                return exact.get(0);
            }
        }
        if (matching.size() > 1) {
            throw dev.hoist.push.RegistryException.notFound(what + " has " + matching.size() + " manifests for"
                    + " platform " + platform + " (" + String.join(", ", matching.stream()
                    .map(e -> e.platform().orElseThrow().toString()).toList()) + "); name the variant.", 0, List.of());
        }
        return matching.get(0);
    }

    /** The platforms an index names, such as {@code linux/amd64, linux/arm64/v8}; or {@code no platforms named}. */
    public String platforms() {
        String named = String.join(", ", entries.stream().flatMap(entry -> entry.platform().stream())
                .map(Platform::toString).toList());
        return named.isEmpty() ? "no platforms named" : named;
    }

    /**
     * The platform an image config names ({@code os}, {@code architecture}, {@code variant}, as the image-spec's
     * config has them): what {@code --platform} is matched against for a single image.
     *
     * @return empty when the config names none, or is not JSON
     */
    public static Optional<Platform> platformOfConfig(byte[] config) {
        try {
            JsonNode root = JSON.readTree(config);
            if (root == null || !root.path("os").isTextual() || !root.path("architecture").isTextual()
                    || root.get("os").asText().isBlank() || root.get("architecture").asText().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Platform(root.get("os").asText(), root.get("architecture").asText(),
                    Optional.ofNullable(root.path("variant").textValue())));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /**
     * Reads a manifest or index.
     *
     * @param mediaType its media type; when empty, the document's own {@code mediaType} field
     * @throws IllegalArgumentException when the bytes are not such a JSON document, naming what is wrong
     */
    public static ManifestDocument parse(String mediaType, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("it is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        String type = mediaType.isEmpty() ? root.path("mediaType").asText("") : mediaType;
        List<Entry> entries = new ArrayList<>();
        if (root.path("manifests").isArray()) {
            for (JsonNode entry : root.get("manifests")) {
                JsonNode platform = entry.path("platform");
                Optional<Platform> named = platform.isObject() && platform.path("os").isTextual()
                        && platform.path("architecture").isTextual()
                        && !platform.get("os").asText().isBlank() && !platform.get("architecture").asText().isBlank()
                        ? Optional.of(new Platform(platform.get("os").asText(), platform.get("architecture").asText(),
                        Optional.ofNullable(platform.path("variant").textValue()))) : Optional.empty();
                entries.add(new Entry(descriptor(entry, "manifests[]"), named));
            }
        }
        Optional<Descriptor> config = root.path("config").isObject()
                ? Optional.of(descriptor(root.get("config"), "config")) : Optional.empty();
        List<Descriptor> layers = new ArrayList<>();
        if (root.path("layers").isArray()) {
            for (JsonNode layer : root.get("layers")) {
                layers.add(descriptor(layer, "layers[]"));
            }
        }
        if (entries.isEmpty() && config.isEmpty() && !MediaTypes.isIndex(type)) {
            throw new IllegalArgumentException("it has neither \"manifests\" nor \"config\"");
        }
        return new ManifestDocument(type, List.copyOf(entries), config, List.copyOf(layers));
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        String digest = node.path("digest").asText("");
        if (!Descriptor.isSha256(digest) || !node.path("size").canConvertToLong() || node.path("size").asLong() < 0) {
            throw new IllegalArgumentException("an entry of " + where + " has no sha256 digest or size");
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, node.path("size").asLong());
    }

    /**
     * The bytes of an index like {@code index} but with only the entries whose digests are in {@code keep}, in its
     * order; every other field (media type, annotations) as it was.
     *
     * @throws IllegalArgumentException when {@code index} is not a JSON object with {@code manifests}
     */
    public static byte[] narrowed(byte[] index, List<String> keep) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(index);
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode entry : root.withArray("manifests")) {
                if (keep.contains(entry.path("digest").asText())) {
                    kept.add(entry);
                }
            }
            root.set("manifests", kept);
            return JSON.writeValueAsBytes(root);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("the index cannot be rewritten: " + e.getMessage());
        }
    }
}
