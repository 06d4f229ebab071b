package dev.hoist.transport.registry;

import dev.hoist.push.PushEvent;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.transport.source.OciLayout;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an {@code oci:} source into its {@link PushPlan.Oci}: the layout's blobs and manifests as they are, but for
 * its non-distributable layers, which are left out unless {@code push-nondistributable-layers} is set (and even
 * then when the layout lacks them).
 */
final class OciLayoutReader {

    private OciLayoutReader() {
    }

    /**
     * @param directory the layout
     * @param reference its {@code org.opencontainers.image.ref.name}; empty when it holds one image
     * @param source the source as written, for messages
     * @param settings whether the layout's files may link out of it, and whether non-distributable layers are pushed
     * @throws dev.hoist.push.ImageSourceException when the layout cannot be read (see {@link OciLayout#read})
     */
    static PushPlan.Oci read(Path directory, Optional<String> reference, String source, RegistryApiSettings settings) {
        OciLayout.Image image = OciLayout.read(directory, reference, source, new OciLayout.Links(
                settings.allowLinksOutOfLayout(), settings.pathOf("allow-links-out-of-layout")));
        Map<String, PushEvent.Layer> layers = new LinkedHashMap<>();
        List<PushPlan.Blob> blobs = new ArrayList<>();
        for (OciLayout.Manifest manifest : image.manifests()) {
            List<Descriptor> manifestBlobs = manifest.blobs();
            for (int i = 0; i < manifestBlobs.size(); i++) {
                Descriptor blob = manifestBlobs.get(i);
                String what = (i == 0 ? "config " : "layer " + i + " ") + blob.digest();
                Optional<Path> file = image.blobFile(blob.digest());
                boolean pushed = file.isPresent() && (i == 0 || settings.pushNondistributableLayers()
                        || !MediaTypes.isNondistributable(blob.mediaType()));
                if (!pushed) {
                    blobs.add(new PushPlan.Blob(blob, what, null, true));
                    continue;
                }
                if (i > 0) {
                    layers.putIfAbsent(blob.digest(), new PushEvent.Layer(blob.digest(), blob.size()));
                }
                Path found = file.get();
                blobs.add(new PushPlan.Blob(blob, what, () -> Files.newInputStream(found, LinkOption.NOFOLLOW_LINKS),
                        i > 0));
            }
        }
        return new PushPlan.Oci(List.copyOf(layers.values()), List.copyOf(blobs), image.manifests());
    }
}
