package dev.hoist.transport.registry;

import dev.hoist.transport.copy.BlobTasks;

import dev.hoist.distribution.Digests;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushEvent;
import dev.hoist.transport.source.DockerArchiveFile;
import dev.hoist.transport.source.DockerSaveManifest;
import dev.hoist.transport.source.TarPaths;
import dev.hoist.transport.source.TarStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A docker archive read as a stream (a gzip file, or the engine's save stream), which cannot be read by random
 * access, so its plan is made while it is pushed: small entries are kept in memory; layers are pushed as they
 * stream by when their diffID is known from their name (Docker 25+ archives, or a first pass over a file), or when
 * none of the image's layers is in the registry yet. Otherwise layers are only hashed, and a second pass sends the
 * missing ones. What it returns is a {@link PushPlan.Docker} whose layers are all in the registry; the config blob
 * and the manifest are left to {@link ImagePush}.
 */
final class DockerStreamPush {

    private static final Logger LOG = LoggerFactory.getLogger(DockerStreamPush.class);
    /** Entries of a streamed archive up to this size are kept in memory (configs, manifests, tiny layers). */
    private static final int SMALL_ENTRY = 1024 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;
    private static final String BLOBS = "blobs/sha256/";

    private final String source;
    private final LayerProgress progress;
    private final BlobTasks tasks;
    private final BlobUploader uploader;

    DockerStreamPush(String source, LayerProgress progress, BlobTasks tasks, BlobUploader uploader) {
        this.source = source;
        this.progress = progress;
        this.tasks = tasks;
        this.uploader = uploader;
    }

    /** Pushes the layers of image {@code name} as the engine's {@code docker save} streams them. */
    PushPlan.Docker fromEngine(DockerEngine engine, String name) {
        DockerEngine.SavedImage first = engine.saveImage(name);
        return push(new SaveStreams(engine, name, first), Optional.empty(), first.diffIds(), first.id());
    }

    /** The engine's save stream: the one already started first, then a new {@code docker save} per pass. */
    private static final class SaveStreams implements Supplier<InputStream> {
        private final DockerEngine engine;
        private final String name;
        private DockerEngine.SavedImage first;

        SaveStreams(DockerEngine engine, String name, DockerEngine.SavedImage first) {
            this.engine = engine;
            this.name = name;
            this.first = first;
        }

        @Override
        public InputStream get() {
            if (first != null) {
                InputStream stream = first.stream();
                first = null;
                return stream;
            }
            return engine.saveImage(name).stream();
        }
    }

    /**
     * @param stream opens the archive's tar stream, once per pass
     * @param name the {@code RepoTags} entry to push; empty for the only image
     * @param knownDiffIds the image's diffIDs when the engine told them; {@code null} to learn them from a first
     *        pass over the stream (a file only)
     * @param imageId the engine's image id, checked against the config's digest; {@code null} for a file
     */
    PushPlan.Docker push(Supplier<InputStream> stream, Optional<String> name, List<String> knownDiffIds,
                         String imageId) {
        Map<String, String> links = new HashMap<>();
        Map<String, String> pathDiffIds = new HashMap<>();
        List<String> diffIds = knownDiffIds;
        DockerSaveManifest manifest = null;
        byte[] config = null;
        if (diffIds == null) {
            Map<String, byte[]> small = new HashMap<>();
            readStream(stream, (entry, size, content) -> keepIfSmall(small, entry, size, content), links);
            manifest = selectManifest(small, links, name);
            config = small.get(resolve(manifest.config(), links));
            if (config == null) {
                throw ImageSourceException.invalid("The archive " + source + " is missing the image config "
                        + manifest.config() + " that its manifest.json names.", null);
            }
            diffIds = manifest.diffIds(config, source);
            for (int i = 0; i < diffIds.size(); i++) {
                pathDiffIds.put(resolve(manifest.layers().get(i), links), diffIds.get(i));
            }
        }
        List<PushEvent.Layer> announced = new LinkedHashSet<>(diffIds).stream()
                .map(d -> new PushEvent.Layer(d, -1)).toList();
        progress.started(announced);
        // Which layers the registry has already (cache + HEAD, or a mount).
        Map<String, PushedBlob> present = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (String diffId : new LinkedHashSet<>(diffIds)) {
            checks.add(tasks.run(() -> {
                progress.checking(diffId);
                try {
                    uploader.presentLayer(diffId, -1).ifPresent(b -> present.put(diffId, progress.reported(diffId, b)));
                } catch (RuntimeException failure) {
                    throw progress.failed(diffId, failure);
                }
            }));
        }
        tasks.awaitAll(checks);
        int distinct = new HashSet<>(diffIds).size();
        boolean noneThere = present.isEmpty();
        Map<String, PushedBlob> sent = new HashMap<>();
        Map<String, String> hashed = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        Map<String, byte[]> small = new HashMap<>();
        Map<String, String> linksSeen = new HashMap<>();
        List<String> knownLayers = diffIds;
        readStream(stream, (entry, size, content) -> {
            if (keepIfSmall(small, entry, size, content)) {
                return;
            }
            String diffId = diffIdOfName(entry);
            if (diffId == null) {
                diffId = pathDiffIds.get(entry);
            }
            String what = "layer " + entry;
            if (diffId != null) {
                if (present.containsKey(diffId) && !uploader.cachedSizeMatches(diffId, size)) {
                    present.remove(diffId); // a stale cache entry: the layer goes up now, as it passes
                }
                if (present.containsKey(diffId) || sent.containsKey(diffId)) {
                    hashed.put(entry, diffId);
                    return;
                }
                String layerDiffId = diffId;
                PushedBlob blob;
                try {
                    blob = uploader.once(what, () -> uploader.layer(layerDiffId, what,
                            progress.counting(layerDiffId, size, content))).blob();
                } catch (RuntimeException failure) {
                    throw progress.failed(diffId, failure);
                }
                sent.put(diffId, progress.reported(diffId, blob));
                hashed.put(entry, diffId);
            } else if (noneThere) {
                // Which layer this is shows only once it is hashed; when one layer alone is still to come, it
                // is that one, and its upload is reported as it goes (an image of one new layer, the usual
                // case with the engine's legacy save format). Otherwise the layer reports when it is done.
                List<String> toCome = knownLayers == null ? List.of() : knownLayers.stream().distinct()
                        .filter(layer -> !present.containsKey(layer) && !sent.containsKey(layer)).toList();
                InputStream reading = toCome.size() == 1 ? progress.counting(toCome.get(0), size, content) : content;
                BlobUploader.UploadedLayer result = uploader.once(what, () -> uploader.layer(null, what, reading));
                sent.put(result.diffId(), progress.reported(result.diffId(), result.blob()));
                hashed.put(entry, result.diffId());
            } else {
                sizes.put(entry, size);
                hashed.put(entry, sha256(content));
            }
        }, linksSeen);
        links.putAll(linksSeen);
        if (manifest == null) {
            manifest = selectManifest(small, links, name);
            config = small.get(resolve(manifest.config(), links));
            if (config == null) {
                throw ImageSourceException.invalid("The image config " + manifest.config() + " of " + source
                        + " is missing or larger than " + SMALL_ENTRY + " bytes.", null);
            }
            diffIds = manifest.diffIds(config, source);
        }
        // A stream gives manifest.json after the layers, so a layer its LayerSources marks non-distributable went up
        // as it passed: say so, never silently (a plain archive, read by random access, leaves it out).
        DockerSaveManifest read = manifest;
        read.layerSources().forEach((diffId, foreign) -> {
            if (dev.hoist.transport.manifest.MediaTypes.isNondistributable(foreign.mediaType())) {
                LOG.warn("{} names layer {} non-distributable ({}), but as a stream its manifest.json came after the"
                        + " layer, which was pushed; gunzip the archive to have such layers left out", source, diffId,
                        foreign.mediaType());
            }
        });
        String configDigest = Digests.sha256(config);
        if (imageId != null && !imageId.equals(configDigest)) {
            throw ImageSourceException.digestMismatch(source, "image config", imageId, configDigest);
        }
        // Match every layer the manifest names with what was found.
        List<String> secondPass = new ArrayList<>();
        Map<String, String> secondPassDiffIds = new HashMap<>();
        List<CompletableFuture<PushedBlob>> fromMemory = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            String diffId = diffIds.get(i);
            String path = resolve(manifest.layers().get(i), links);
            String what = "layer " + (i + 1) + " (" + manifest.layers().get(i) + ")";
            String found = hashed.get(path);
            if (found != null && !found.equals(diffId)) {
                throw ImageSourceException.digestMismatch(source, what, diffId, found);
            }
            if (present.containsKey(diffId) && !uploader.cachedSizeMatches(diffId, sizes.getOrDefault(path, -1L))) {
                present.remove(diffId); // a stale cache entry: the layer is sent from memory or a second pass
            }
            if (present.containsKey(diffId) || sent.containsKey(diffId)) {
                continue;
            }
            if (small.containsKey(path)) {
                byte[] bytes = small.get(path);
                String actual = Digests.sha256(bytes);
                if (!actual.equals(diffId)) {
                    throw ImageSourceException.digestMismatch(source, what, diffId, actual);
                }
                fromMemory.add(tasks.supply(() -> {
                    PushedBlob blob = progress.reporting(diffId, () -> uploader.retrying(what, number -> uploader
                            .layer(diffId, what, progress.counting(diffId, bytes.length, new ByteArrayInputStream(bytes)))
                            .blob()));
                    synchronized (sent) {
                        sent.put(diffId, blob);
                    }
                    return blob;
                }));
            } else if (found != null) {
                secondPass.add(path);
                secondPassDiffIds.put(path, diffId);
            } else {
                throw ImageSourceException.invalid("The archive " + source + " is missing " + what
                        + ", which its manifest.json names. Re-create it (docker save).", null);
            }
        }
        tasks.awaitAll(fromMemory);
        if (!secondPass.isEmpty()) {
            LOG.debug("Second pass over {} for {} layers", source, secondPass.size());
            readStream(stream, (entry, size, content) -> {
                String diffId = secondPassDiffIds.get(entry);
                if (diffId != null && !sent.containsKey(diffId)) {
                    String what = "layer " + entry;
                    sent.put(diffId, progress.reporting(diffId, () -> uploader.once(what, () -> uploader.layer(diffId,
                            what, progress.counting(diffId, size, content))).blob()));
                }
            }, new HashMap<>());
        }
        List<PushPlan.DockerLayer> layers = new ArrayList<>();
        for (String diffId : diffIds) {
            PushedBlob blob = present.containsKey(diffId) ? present.get(diffId) : sent.get(diffId);
            if (blob == null) {
                throw ImageSourceException.invalid("The archive " + source + " has no layer with diffID " + diffId
                        + ", which its config names.", null);
            }
            layers.add(new PushPlan.LayerPushed(blob));
        }
        return new PushPlan.Docker(announced, List.copyOf(layers), config);
    }

    private static boolean keepIfSmall(Map<String, byte[]> small, String entry, long size, InputStream content)
            throws IOException {
        boolean json = entry.endsWith(".json") || entry.equals("repositories") || entry.equals("oci-layout");
        if (size <= SMALL_ENTRY || (json && size <= DockerArchiveReader.MAX_JSON)) {
            small.put(entry, content.readNBytes((int) size));
            return true;
        }
        return false;
    }

    private DockerSaveManifest selectManifest(Map<String, byte[]> small, Map<String, String> links,
                                              Optional<String> name) {
        byte[] manifestJson = small.get(resolve("manifest.json", links));
        if (manifestJson == null) {
            throw DockerArchiveFile.withoutManifest(null, source, small.containsKey(resolve("oci-layout", links))
                    && small.containsKey(resolve("index.json", links)));
        }
        return DockerSaveManifest.select(manifestJson, name, source);
    }

    private void readStream(Supplier<InputStream> stream, TarStream.Handler handler, Map<String, String> links) {
        try (InputStream in = stream.get()) {
            TarStream.read(in, source, handler, links);
        } catch (IOException e) {
            throw SourceFailures.unreadable(source, "archive", e);
        }
    }

    private static String sha256(InputStream content) throws IOException {
        MessageDigest hash = Digests.sha256();
        byte[] buffer = new byte[COPY_BUFFER];
        int n;
        while ((n = content.read(buffer)) > 0) {
            hash.update(buffer, 0, n);
        }
        return Digests.format(hash.digest());
    }

    /** The diffID a Docker 25+ archive's layer path names: {@code blobs/sha256/<hex>}; else {@code null}. */
    private static String diffIdOfName(String entry) {
        if (entry.startsWith(BLOBS) && entry.length() == BLOBS.length() + 64) {
            String hex = entry.substring(BLOBS.length());
            return hex.matches("[0-9a-f]{64}") ? "sha256:" + hex : null;
        }
        return null;
    }

    private String resolve(String path, Map<String, String> links) {
        return TarPaths.resolve(path, links, source);
    }
}
