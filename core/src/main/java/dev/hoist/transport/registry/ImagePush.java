package dev.hoist.transport.registry;

import dev.hoist.transport.copy.BlobTasks;

import dev.hoist.push.ImageSourceException;
import dev.hoist.distribution.Digests;
import dev.hoist.distribution.Manifests;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult.LayerResult;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.transport.manifest.DockerManifest;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.transport.source.DockerArchiveFile;
import dev.hoist.transport.source.ImageSourceOpener;
import dev.hoist.transport.source.OciLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One push, orchestrated: its source's reader makes the {@link PushPlan} (or, for a streamed docker source,
 * {@link DockerStreamPush} pushes the layers while it reads); the layers and blobs go up in parallel on the upload
 * pool through the {@link BlobUploader}, each digest once; the manifests are put through the
 * registry's manifest endpoints ({@link Manifests}) when every blob is in the registry.
 */
final class ImagePush {

    /** What the registry holds now: the manifest under the tag, and the layers. */
    record Pushed(String digest, String mediaType, long size, List<LayerResult> layers) {
    }

    private final String source;
    private final String repository;
    private final String tag;
    private final ImageSourceOpener opener;
    private final LayerProgress progress;
    private final BlobTasks tasks;
    private final BlobUploader uploader;
    private final Manifests manifests;
    private final RegistryApiSettings settings;
    private final Map<String, CompletableFuture<PushedBlob>> blobs = new ConcurrentHashMap<>();

    ImagePush(String source, String repository, String tag, ImageSourceOpener opener, LayerProgress progress,
              BlobTasks tasks, BlobUploader uploader, Manifests manifests, RegistryApiSettings settings) {
        this.source = source;
        this.repository = repository;
        this.tag = tag;
        this.opener = opener;
        this.progress = progress;
        this.tasks = tasks;
        this.uploader = uploader;
        this.manifests = manifests;
        this.settings = settings;
    }

    /** Reads {@code image} and pushes it. */
    Pushed push(ImageSource image) {
        return switch (image.kind()) {
            case OCI_LAYOUT -> execute(announced(OciLayoutReader.read(image.path().orElseThrow(), image.reference(),
                    source, settings)));
            case DOCKER_ARCHIVE -> dockerArchive(image.path().orElseThrow(), image.reference());
            case DOCKER_DAEMON -> execute(streamed().fromEngine(opener.engine(), image.imageName().orElseThrow()));
            // ContainerRegistry sends these through the copy (dev.hoist.transport.copy), never here.
            case OCI_ARCHIVE, REGISTRY -> throw new IllegalArgumentException("A push from " + image.display()
                    + " is a copy; ContainerRegistry routes it there");
        };
    }

    private Pushed dockerArchive(Path file, Optional<String> name) {
        if (DockerArchiveFile.isGzip(file, source)) {
            return execute(streamed().push(DockerArchiveReader.gzipStream(file, source), name, null, null));
        }
        return execute(announced(DockerArchiveReader.read(file, name, source, settings.pushNondistributableLayers())));
    }

    private DockerStreamPush streamed() {
        return new DockerStreamPush(source, progress, tasks, uploader);
    }

    private <P extends PushPlan> P announced(P plan) {
        progress.started(plan.layers());
        return plan;
    }

    private Pushed execute(PushPlan.Oci plan) {
        List<CompletableFuture<PushedBlob>> layers = new ArrayList<>();
        List<CompletableFuture<PushedBlob>> all = new ArrayList<>();
        for (PushPlan.Blob blob : plan.blobs()) {
            if (blob.leftOut()) {
                layers.add(CompletableFuture.completedFuture(new PushedBlob(blob.descriptor().digest(),
                        blob.descriptor().size(), Outcome.SKIPPED)));
                continue;
            }
            CompletableFuture<PushedBlob> future = blobAsync(blob.descriptor().digest(), blob.descriptor().size(),
                    blob.what(), blob.opener());
            all.add(future);
            if (blob.layer()) {
                layers.add(future);
            }
        }
        tasks.awaitAll(all);
        OciLayout.Manifest root = plan.manifests().get(plan.manifests().size() - 1);
        for (OciLayout.Manifest manifest : plan.manifests()) {
            boolean isRoot = manifest == root;
            String expected = manifest.descriptor().digest();
            String digest = manifests.put(repository, isRoot ? tag : expected, manifest.descriptor().mediaType(), manifest.bytes());
            if (!digest.equals(expected)) {
                throw ImageSourceException.digestMismatch(source, "manifest", expected, digest);
            }
            if (isRoot) {
                manifests.confirm(repository, tag, digest);
                progress.manifest(digest);
            }
        }
        return new Pushed(root.descriptor().digest(), root.descriptor().mediaType(), root.bytes().length,
                PushedBlob.results(layers.stream().map(CompletableFuture::join).toList()));
    }

    private Pushed execute(PushPlan.Docker plan) {
        List<CompletableFuture<PushedBlob>> layers = new ArrayList<>();
        Map<String, CompletableFuture<PushedBlob>> byDiffId = new HashMap<>();
        for (PushPlan.DockerLayer layer : plan.dockerLayers()) {
            if (layer instanceof PushPlan.LayerToPush toPush) {
                layers.add(byDiffId.computeIfAbsent(toPush.diffId(), d -> layerAsync(toPush)));
            } else if (layer instanceof PushPlan.LayerLeftOut leftOut) {
                layers.add(CompletableFuture.completedFuture(PushedBlob.leftOut(leftOut.descriptor())));
            } else {
                layers.add(CompletableFuture.completedFuture(((PushPlan.LayerPushed) layer).blob()));
            }
        }
        byte[] config = plan.config();
        CompletableFuture<PushedBlob> configBlob = blobAsync(Digests.sha256(config), config.length, "config",
                () -> new ByteArrayInputStream(config));
        List<CompletableFuture<PushedBlob>> all = new ArrayList<>(layers);
        all.add(configBlob);
        tasks.awaitAll(all);
        List<PushedBlob> pushed = layers.stream().map(CompletableFuture::join).toList();
        DockerManifest manifest = DockerManifest.of(Digests.sha256(config), config.length,
                pushed.stream().map(PushedBlob::gzipLayer).toList());
        byte[] bytes = manifest.toBytes();
        String digest = manifests.put(repository, tag, MediaTypes.DOCKER_MANIFEST, bytes);
        manifests.confirm(repository, tag, digest);
        progress.manifest(digest);
        return new Pushed(digest, MediaTypes.DOCKER_MANIFEST, bytes.length, PushedBlob.results(pushed));
    }

    /** A blob whose digest and size are known; once per digest per push, on the upload pool. */
    private CompletableFuture<PushedBlob> blobAsync(String digest, long size, String what, BlobOpener blob) {
        return blobs.computeIfAbsent(digest, d -> tasks.supply(() -> {
            progress.checking(digest);
            return progress.reporting(digest, () -> uploader.blob(digest, size, what,
                    () -> progress.counting(digest, size, blob.open())));
        }));
    }

    /** A docker layer read again on every attempt: skipped when the registry has it, else compressed and sent. */
    private CompletableFuture<PushedBlob> layerAsync(PushPlan.LayerToPush layer) {
        String diffId = layer.diffId();
        String what = layer.what();
        return tasks.supply(() -> {
            progress.checking(diffId);
            return progress.reporting(diffId, () -> {
                Optional<PushedBlob> present = uploader.presentLayer(diffId, layer.size());
                if (present.isPresent()) {
                    return present.get();
                }
                return uploader.retrying(what, number -> {
                    try (InputStream in = progress.counting(diffId, layer.size(), layer.opener().open())) {
                        return uploader.layer(diffId, what, in).blob();
                    } catch (IOException e) {
                        throw SourceFailures.unreadable(source, what, e);
                    }
                });
            });
        });
    }
}
