package dev.hoist.transport.registry;

import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushEvent;
import dev.hoist.transport.source.DockerArchiveFile;
import dev.hoist.transport.source.DockerSaveManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Reads a {@code docker-archive:} source. A plain tar file is read by random access into its
 * {@link PushPlan.Docker} before anything is sent: each layer is a byte range of the file, read again on a retry.
 * A gzip file can only be read as a stream: {@link #gzipStream} opens it for {@link DockerStreamPush}.
 */
final class DockerArchiveReader {

    /** The largest JSON file (manifest.json, image config) read from an archive. */
    static final int MAX_JSON = 16 * 1024 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private DockerArchiveReader() {
    }

    /** As {@link #read(Path, Optional, String, boolean)}, leaving non-distributable layers out (the default). */
    static PushPlan.Docker read(Path file, Optional<String> name, String source) {
        return read(file, name, source, false);
    }

    /**
     * @param file a plain tar written by {@code docker save}
     * @param name the {@code RepoTags} entry to push; empty when the archive holds one image
     * @param source the source as written, for messages
     * @param pushNondistributable whether a non-distributable layer (one the archive's {@code LayerSources} gives a
     *        foreign media type) is pushed; else it is left out and the manifest names it with its {@code urls}
     */
    static PushPlan.Docker read(Path file, Optional<String> name, String source, boolean pushNondistributable) {
        DockerArchiveFile archive = DockerArchiveFile.open(file, source);
        if (!archive.has("manifest.json")) {
            throw DockerArchiveFile.withoutManifest(file, source, archive.has("oci-layout") && archive.has("index.json"));
        }
        DockerSaveManifest manifest = DockerSaveManifest.select(archive.read("manifest.json", MAX_JSON), name,
                source);
        byte[] config = archive.read(manifest.config(), MAX_JSON);
        List<String> diffIds = manifest.diffIds(config, source);
        Map<String, PushEvent.Layer> layers = new LinkedHashMap<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            long size = archive.size(manifest.layers().get(i)); // every layer there before anything is sent
            if (i < diffIds.size() && !leftOut(manifest, diffIds.get(i), pushNondistributable)) {
                layers.putIfAbsent(diffIds.get(i), new PushEvent.Layer(diffIds.get(i), size));
            }
        }
        List<PushPlan.DockerLayer> toPush = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            String diffId = diffIds.get(i);
            String path = manifest.layers().get(i);
            String what = "layer " + (i + 1) + " (" + path + ")";
            if (leftOut(manifest, diffId, pushNondistributable)) {
                toPush.add(new PushPlan.LayerLeftOut(diffId, manifest.layerSources().get(diffId)));
                continue;
            }
            toPush.add(new PushPlan.LayerToPush(diffId, what, layers.get(diffId).size(), () -> archive.open(path)));
        }
        return new PushPlan.Docker(List.copyOf(layers.values()), List.copyOf(toPush), config);
    }

    /** Whether the layer is non-distributable by the archive's {@code LayerSources} and is left out. */
    private static boolean leftOut(DockerSaveManifest manifest, String diffId, boolean pushNondistributable) {
        dev.hoist.transport.manifest.Descriptor foreign = manifest.layerSources().get(diffId);
        return !pushNondistributable && foreign != null
                && dev.hoist.transport.manifest.MediaTypes.isNondistributable(foreign.mediaType());
    }

    /** Opens a gzip-compressed archive file as a tar stream, again on every call. */
    static Supplier<InputStream> gzipStream(Path file, String source) {
        return () -> {
            try {
                return new GZIPInputStream(Files.newInputStream(file), COPY_BUFFER);
            } catch (IOException e) {
                throw ImageSourceException.invalid("Cannot read the archive " + source + " (" + e.getMessage()
                        + "); is it gzip?", e);
            }
        };
    }
}
