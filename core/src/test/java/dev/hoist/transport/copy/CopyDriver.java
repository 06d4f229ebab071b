package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Calls a source and a destination in the order the copy contract gives ({@link CopyDestination}), as the copy
 * engine will: {@code currentDigest}, every blob in parallel, child manifests, {@code commit(root)}; {@code abort}
 * on failure. For the local stores' tests, which must not wait for the engine.
 */
final class CopyDriver {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a copy did. */
    record Copied(String digest, boolean skipped, Map<String, CopyDestination.BlobResult> blobs) {
    }

    private CopyDriver() {
    }

    /** Copies the source's root, and everything under it, to the destination. */
    static Copied copy(CopySource source, CopyDestination destination) throws Exception {
        RawManifest root = source.root();
        if (destination.currentDigest().filter(root.digest()::equals).isPresent()) {
            return new Copied(root.digest(), true, Map.of());
        }
        try {
            List<RawManifest> children = new ArrayList<>();
            Map<String, Descriptor> blobs = new LinkedHashMap<>();
            if (isIndex(root)) {
                for (JsonNode child : json(root).path("manifests")) {
                    RawManifest manifest = source.manifest(descriptor(child));
                    children.add(manifest);
                    blobsOf(manifest, blobs);
                }
            } else {
                blobsOf(root, blobs);
            }
            Map<String, CopyDestination.BlobResult> results = new LinkedHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                Map<String, Future<CopyDestination.BlobResult>> futures = new LinkedHashMap<>();
                for (Descriptor blob : blobs.values()) {
                    if (source.hasBlob(blob)) {
                        futures.put(blob.digest(), pool.submit(() -> destination.putBlob(blob, Optional.empty(),
                                () -> source.openBlob(blob))));
                    }
                }
                for (Map.Entry<String, Future<CopyDestination.BlobResult>> future : futures.entrySet()) {
                    try {
                        results.put(future.getKey(), future.getValue().get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            } finally {
                pool.shutdown();
            }
            children.forEach(destination::putManifest);
            destination.commit(root);
            return new Copied(root.digest(), false, results);
        } catch (Exception | Error e) {
            destination.abort();
            throw e;
        }
    }

    static boolean isIndex(RawManifest manifest) {
        return MediaTypes.isIndex(manifest.mediaType()) || json(manifest).has("manifests");
    }

    private static void blobsOf(RawManifest manifest, Map<String, Descriptor> blobs) {
        JsonNode json = json(manifest);
        Descriptor config = descriptor(json.path("config"));
        blobs.putIfAbsent(config.digest(), config);
        json.path("layers").forEach(layer -> blobs.putIfAbsent(layer.path("digest").asText(), descriptor(layer)));
    }

    static Descriptor descriptor(JsonNode node) {
        return new Descriptor(node.path("mediaType").asText(""), node.path("digest").asText(),
                node.path("size").asLong());
    }

    static JsonNode json(RawManifest manifest) {
        try {
            return JSON.readTree(manifest.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
