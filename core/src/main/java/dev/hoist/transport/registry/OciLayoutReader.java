package dev.hoist.transport.registry;

import dev.hoist.push.PushEvent;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.source.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an {@code oci:} source into its {@link PushPlan.Oci}: the layout's blobs and manifests as they are. */
final class OciLayoutReader {

    private OciLayoutReader() {
    }

    /**
     * @param directory the layout
     * @param reference its {@code org.opencontainers.image.ref.name}; empty when it holds one image
     * @param source the source as written, for messages
     */
    static PushPlan.Oci read(Path directory, Optional<String> reference, String source) {
        OciLayout.Image image = OciLayout.read(directory, reference, source);
        Map<String, PushEvent.Layer> layers = new LinkedHashMap<>();
        List<PushPlan.Blob> blobs = new ArrayList<>();
        for (OciLayout.Manifest manifest : image.manifests()) {
            List<Descriptor> manifestBlobs = manifest.blobs();
            for (int i = 0; i < manifestBlobs.size(); i++) {
                Descriptor blob = manifestBlobs.get(i);
                if (i > 0) {
                    layers.putIfAbsent(blob.digest(), new PushEvent.Layer(blob.digest(), blob.size()));
                }
                String what = (i == 0 ? "config " : "layer " + i + " ") + blob.digest();
                Path file = OciLayout.blobPath(directory, blob.digest());
                blobs.add(new PushPlan.Blob(blob, what, () -> Files.newInputStream(file), i > 0));
            }
        }
        return new PushPlan.Oci(List.copyOf(layers.values()), List.copyOf(blobs), image.manifests());
    }
}
