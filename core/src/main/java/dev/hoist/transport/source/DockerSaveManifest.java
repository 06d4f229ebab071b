package dev.hoist.transport.source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.api.ImageReference;
import dev.hoist.api.InvalidImageReferenceException;
import dev.hoist.push.ImageSourceException;
import dev.hoist.transport.manifest.Descriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One image of a {@code docker save} archive's {@code manifest.json}: {@code [{"Config":"<path>",
 * "RepoTags":["app:1"],"Layers":["<path>",…]}]}. Both the legacy format and Docker 25+'s OCI-layout archives
 * carry this file; only the paths differ ({@code <id>.json} / {@code <dir>/layer.tar} against
 * {@code blobs/sha256/<hex>}).
 *
 * @param config the path of the image config in the archive
 * @param repoTags the names the image had, possibly none
 * @param layers the paths of the layer tars, base layer first
 * @param layerSources what {@code LayerSources} says of layers by diffID: docker writes it for a non-distributable
 *        ("foreign") layer, with its compressed digest, size, media type and {@code urls}; empty for most images
 */
public record DockerSaveManifest(String config, List<String> repoTags, List<String> layers,
                                 java.util.Map<String, Descriptor> layerSources) {

    /** Copies the lists and map. */
    public DockerSaveManifest {
        repoTags = List.copyOf(repoTags);
        layers = List.copyOf(layers);
        layerSources = java.util.Map.copyOf(layerSources);
    }

    /** A manifest without {@code LayerSources}. */
    public DockerSaveManifest(String config, List<String> repoTags, List<String> layers) {
        this(config, repoTags, layers, java.util.Map.of());
    }

    /** Refuses a document followed by anything but white space (a truncated or concatenated file). */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Picks the image from {@code manifest.json}.
     *
     * @param bytes the file's content
     * @param name a {@code RepoTags} entry to pick, compared in canonical form ({@code app:1} finds
     *        {@code docker.io/library/app:1} and the other way round, as docker and skopeo do), or empty when the
     *        archive holds exactly one image
     * @param source the source, for messages
     * @return the image
     * @throws ImageSourceException when the file is not such a manifest (not JSON, trailing bytes after it, a
     *         field of the wrong type), or the name is not there, or several images are there and no name was given
     */
    public static DockerSaveManifest select(byte[] bytes, Optional<String> name, String source) {
        List<DockerSaveManifest> all = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isArray()) {
                throw ImageSourceException.invalid("The manifest.json of " + source + " is not a list of images.", null);
            }
            for (JsonNode image : root) {
                if (!image.isObject()) {
                    throw ImageSourceException.invalid("The manifest.json of " + source + " is not a list of images"
                            + " (an entry is a " + image.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                            + ", not an object).", null);
                }
                String config = image.path("Config").isTextual() ? image.path("Config").asText() : "";
                List<String> tags = strings(image, "RepoTags", source);
                List<String> layers = strings(image, "Layers", source);
                if (config.isEmpty()) {
                    throw ImageSourceException.invalid("An image in the manifest.json of " + source + " has no Config.",
                            null);
                }
                all.add(new DockerSaveManifest(TarPaths.entryName(config, source), List.copyOf(tags),
                        layers.stream().map(layer -> TarPaths.entryName(layer, source)).toList(),
                        layerSources(image, source)));
            }
        } catch (IOException e) {
            throw ImageSourceException.invalid("The manifest.json of " + source + " is not valid JSON.", e);
        }
        if (all.isEmpty()) {
            throw ImageSourceException.invalid("The archive " + source + " holds no image (its manifest.json is empty).",
                    null);
        }
        if (name.isPresent()) {
            String wanted = name.get();
            Optional<String> canonical = canonical(wanted);
            for (DockerSaveManifest image : all) {
                if (image.repoTags.contains(wanted) || image.repoTags.contains(withDefaultTag(wanted))
                        || (canonical.isPresent() && image.repoTags.stream().map(DockerSaveManifest::canonical)
                                .anyMatch(canonical::equals))) {
                    return image;
                }
            }
            throw ImageSourceException.invalid("The archive " + source + " holds no image named '" + wanted
                    + "'; it holds " + names(all) + ".", null);
        }
        if (all.size() > 1) {
            throw ImageSourceException.invalid("The archive " + source + " holds " + all.size() + " images (" + names(all)
                    + "); name one: docker-archive:PATH:NAME.", null);
        }
        return all.get(0);
    }

    /**
     * The layer diffIDs that {@code config}, this image's config, lists in {@code rootfs.diff_ids}: one
     * {@code sha256:} digest per layer this manifest names.
     *
     * @param source the source, for messages
     * @throws ImageSourceException when the config is not JSON, or its diffIDs do not match the layers
     */
    public List<String> diffIds(byte[] config, String source) {
        List<String> diffIds = new ArrayList<>();
        try {
            JsonNode json = JSON.readTree(config);
            json.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
        } catch (IOException e) {
            throw ImageSourceException.invalid("The image config " + this.config + " of " + source
                    + " is not valid JSON.", e);
        }
        if (diffIds.size() != layers.size() || !diffIds.stream().allMatch(Descriptor::isSha256)) {
            throw ImageSourceException.invalid("The image config of " + source + " lists " + diffIds.size()
                    + " layer diffIDs but its manifest.json names " + layers.size() + " layers.", null);
        }
        return diffIds;
    }

    /**
     * {@code LayerSources}: {@code {"<diffID>":{"mediaType":…,"size":…,"digest":…,"urls":[…]}}}; none when absent.
     *
     * @throws ImageSourceException when it is not such an object
     */
    private static java.util.Map<String, Descriptor> layerSources(JsonNode image, String source) {
        JsonNode node = image.path("LayerSources");
        java.util.Map<String, Descriptor> sources = new java.util.LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return sources;
        }
        if (!node.isObject()) {
            throw ImageSourceException.invalid("The LayerSources of an image in the manifest.json of " + source
                    + " is not an object.", null);
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode value = field.getValue();
            String digest = value.path("digest").asText("");
            if (!Descriptor.isSha256(field.getKey()) || !Descriptor.isSha256(digest)
                    || !value.path("size").canConvertToLong() || !value.path("mediaType").isTextual()) {
                throw ImageSourceException.invalid("The LayerSources entry " + field.getKey() + " in the manifest.json"
                        + " of " + source + " is not a descriptor (mediaType, size, sha256 digest).", null);
            }
            List<String> urls = new ArrayList<>();
            value.path("urls").forEach(url -> urls.add(url.asText()));
            sources.put(field.getKey(), new Descriptor(value.get("mediaType").asText(), digest,
                    value.get("size").asLong(), urls));
        }
        return sources;
    }

    /**
     * The strings of array field {@code field} of {@code image}: none when it is absent or null.
     *
     * @throws ImageSourceException when it is not an array of strings
     */
    private static List<String> strings(JsonNode image, String field, String source) {
        JsonNode node = image.path(field);
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw ImageSourceException.invalid("The " + field + " of an image in the manifest.json of " + source
                    + " is a " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ", not a list of"
                    + (field.equals("RepoTags") ? " names." : " paths."), null);
        }
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw ImageSourceException.invalid("The " + field + " of an image in the manifest.json of " + source
                        + " holds a " + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                        + " where a string belongs.", null);
            }
            values.add(value.asText());
        }
        return values;
    }

    /** {@code name} in canonical form with its default tag ({@code docker.io/library/app:latest}); empty when invalid. */
    private static Optional<String> canonical(String name) {
        try {
            ImageReference reference = ImageReference.parse(name);
            return Optional.of(reference.tag().isEmpty() && reference.digest().isEmpty()
                    ? reference.canonical() + ":latest" : reference.canonical());
        } catch (InvalidImageReferenceException e) {
            return Optional.empty();
        }
    }

    private static String withDefaultTag(String name) {
        int slash = name.lastIndexOf('/');
        return name.indexOf(':', slash + 1) < 0 ? name + ":latest" : name;
    }

    private static String names(List<DockerSaveManifest> all) {
        List<String> names = new ArrayList<>();
        for (DockerSaveManifest image : all) {
            names.add(image.repoTags.isEmpty() ? "(untagged " + image.config + ")" : String.join(", ", image.repoTags));
        }
        return String.join("; ", names);
    }
}
