package dev.hoist.transport.registry;

import dev.hoist.distribution.Digests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Hoist learnt from earlier pushes, per registry host: which compressed blob an uncompressed layer
 * (its diffID) became, and which repositories of that registry hold a blob. It lets a re-push skip compressing
 * a layer (a {@code HEAD} of the remembered digest confirms it first, always) and mount a blob from a sibling
 * repository instead of uploading it.
 *
 * <p>One JSON file per host, {@code <directory>/blob-info/<host>.json}:
 * {@code {"version":1,"layers":{"<diffID>":{"digest":"sha256:…","size":N,"mediaType":"…","sourceSize":N}},
 * "repositories":{"<digest>":["team/app",…]}}}. A {@code HEAD} proves only that the remembered digest exists, not
 * that it is this layer; the layer's size in its source ({@code sourceSize}) is checked against the source's where
 * the source tells it, and an entry that disagrees is stale and forgotten. The cache directory must be as trusted
 * as the images: an entry written on purpose to map a layer to another blob, with a matching size, is believed. Writers take an exclusive lock on {@code <host>.json.lock},
 * re-read the file, merge their findings in, write a temporary file and rename it over the old one, so several
 * processes can push at once and readers never see half a file. A file that cannot be read or parsed, or an
 * entry of the wrong shape, is ignored (and rewritten at the next save), never fatal: the cache only saves work.
 */
final class BlobInfoCache {

    private static final Logger LOG = LoggerFactory.getLogger(BlobInfoCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REPOSITORIES = 16;

    /**
     * A compressed blob.
     *
     * @param sourceSize how many bytes the layer had in the source it was pushed from (the archive entry or stream
     *        entry: the uncompressed tar, or the gzip as it was); -1 when not recorded (caches written before)
     */
    record Blob(String digest, long size, String mediaType, long sourceSize) {
    }

    private final Path directory;
    private final Map<String, HostEntries> hosts = new LinkedHashMap<>();

    private static final class HostEntries {
        final Map<String, Blob> layers = new LinkedHashMap<>();
        final Map<String, LinkedHashSet<String>> repositories = new LinkedHashMap<>();
        final Map<String, Blob> newLayers = new LinkedHashMap<>();
        final Map<String, LinkedHashSet<String>> newRepositories = new LinkedHashMap<>();
    }

    /** @param directory the cache's root, for example {@code ~/.cache/hoist} */
    BlobInfoCache(Path directory) {
        this.directory = directory;
    }

    private Path file(String host) {
        return directory.resolve("blob-info").resolve(host.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9.\\-]", "_") + ".json");
    }

    private synchronized HostEntries entries(String host) {
        return hosts.computeIfAbsent(host.toLowerCase(java.util.Locale.ROOT), h -> {
            HostEntries entries = new HostEntries();
            read(file(h), entries.layers, entries.repositories);
            return entries;
        });
    }

    /** The compressed blob {@code diffId} became on an earlier push to {@code host}, if remembered. */
    synchronized Optional<Blob> compressedFor(String host, String diffId) {
        return Optional.ofNullable(entries(host).layers.get(diffId));
    }

    /** Forgets what {@code diffId} compressed to on {@code host}: the entry turned out stale. */
    synchronized void forgetLayer(String host, String diffId) {
        entries(host).layers.remove(diffId);
    }

    /** Repositories of {@code host} that held {@code digest} on earlier pushes, most recent last. */
    synchronized List<String> repositoriesHolding(String host, String digest) {
        return new ArrayList<>(entries(host).repositories.getOrDefault(digest, new LinkedHashSet<>()));
    }

    /** Remembers that {@code diffId} compresses to {@code blob}. */
    synchronized void rememberLayer(String host, String diffId, Blob blob) {
        HostEntries entries = entries(host);
        entries.layers.put(diffId, blob);
        entries.newLayers.put(diffId, blob);
    }

    /** Remembers that {@code repository} of {@code host} holds {@code digest}. */
    synchronized void rememberRepository(String host, String digest, String repository) {
        HostEntries entries = entries(host);
        add(entries.repositories, digest, repository);
        add(entries.newRepositories, digest, repository);
    }

    private static void add(Map<String, LinkedHashSet<String>> map, String digest, String repository) {
        LinkedHashSet<String> repositories = map.computeIfAbsent(digest, d -> new LinkedHashSet<>());
        repositories.remove(repository);
        repositories.add(repository);
        while (repositories.size() > MAX_REPOSITORIES) {
            Iterator<String> oldest = repositories.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * Writes what this process learnt into the files, merged with what other processes wrote meanwhile.
     * A failure is logged and otherwise ignored.
     */
    synchronized void save() {
        for (Map.Entry<String, HostEntries> host : hosts.entrySet()) {
            HostEntries entries = host.getValue();
            if (entries.newLayers.isEmpty() && entries.newRepositories.isEmpty()) {
                continue;
            }
            Path file = file(host.getKey());
            try {
                Files.createDirectories(file.getParent());
                try (FileChannel lockChannel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = lockChannel.lock()) {
                    Map<String, Blob> layers = new LinkedHashMap<>();
                    Map<String, LinkedHashSet<String>> repositories = new LinkedHashMap<>();
                    read(file, layers, repositories);
                    layers.putAll(entries.newLayers);
                    for (Map.Entry<String, LinkedHashSet<String>> e : entries.newRepositories.entrySet()) {
                        for (String repository : e.getValue()) {
                            add(repositories, e.getKey(), repository);
                        }
                    }
                    write(file, layers, repositories);
                }
                entries.newLayers.clear();
                entries.newRepositories.clear();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not save the blob-info cache {}: {}", file, e.toString());
            }
        }
    }

    private static void read(Path file, Map<String, Blob> layers, Map<String, LinkedHashSet<String>> repositories) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || root.path("version").asInt() != 1) {
                LOG.debug("Ignoring blob-info cache {} of another version", file);
                return;
            }
            root.path("layers").fields().forEachRemaining(e -> {
                JsonNode value = e.getValue();
                String digest = value.path("digest").asText();
                long size = value.path("size").asLong(-1);
                String mediaType = value.path("mediaType").asText("");
                long sourceSize = value.path("sourceSize").asLong(-1);
                if (Digests.isSha256(e.getKey()) && Digests.isSha256(digest) && size >= 0 && !mediaType.isEmpty()) {
                    layers.put(e.getKey(), new Blob(digest, size, mediaType, sourceSize));
                }
            });
            root.path("repositories").fields().forEachRemaining(e -> {
                if (Digests.isSha256(e.getKey()) && e.getValue().isArray()) {
                    for (JsonNode repository : e.getValue()) {
                        if (repository.isTextual() && !repository.asText().isBlank()) {
                            add(repositories, e.getKey(), repository.asText());
                        }
                    }
                }
            });
        } catch (IOException | RuntimeException corrupt) {
            LOG.debug("Ignoring the unreadable blob-info cache {}: {}", file, corrupt.toString());
            layers.clear();
            repositories.clear();
        }
    }

    private static void write(Path file, Map<String, Blob> layers, Map<String, LinkedHashSet<String>> repositories)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode layerNode = root.putObject("layers");
        layers.forEach((diffId, blob) -> layerNode.putObject(diffId).put("digest", blob.digest())
                .put("size", blob.size()).put("mediaType", blob.mediaType()).put("sourceSize", blob.sourceSize()));
        ObjectNode repositoryNode = root.putObject("repositories");
        repositories.forEach((digest, names) -> {
            ArrayNode array = repositoryNode.putArray(digest);
            names.forEach(array::add);
        });
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), root);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The set of hosts loaded so far; for tests. */
    synchronized Set<String> loadedHosts() {
        return hosts.keySet();
    }
}
