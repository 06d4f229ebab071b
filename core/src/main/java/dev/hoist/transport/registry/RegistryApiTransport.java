package dev.hoist.transport.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.spi.HoistException;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.push.PushResult.LayerResult;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushProgress;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.LayerDigestMismatchException;
import dev.hoist.push.PushFailedException;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.DockerManifest;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.transport.source.DockerArchiveFile;
import dev.hoist.transport.source.DockerSaveManifest;
import dev.hoist.transport.source.ImageSourceOpener;
import dev.hoist.transport.source.OciLayout;
import dev.hoist.transport.source.TarStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes an image from an {@link ImageSource} to a registry over the distribution / OCI HTTP API v2, without
 * {@code docker push}.
 *
 * <p>For each layer: a {@code HEAD} skips a blob the repository has; the {@linkplain BlobInfoCache blob-info
 * cache} says which compressed digest an uncompressed layer became before (so an unchanged layer is neither
 * compressed nor sent) and which sibling repository holds a blob (then a cross-repository mount is tried); other
 * layers are gzip-compressed on several cores while they stream in one {@code PATCH}, and committed with
 * {@code PUT ?digest=}. Layers go up in parallel, at most {@link RegistryApiSettings#parallelism()} at once, each
 * digest once. The manifest is {@code PUT} only when every blob is in the registry, and its digest is checked
 * against the registry's {@code Docker-Content-Digest}.
 *
 * <p>What is pushed is the same image: docker sources keep their config bytes (the config digest is the local
 * image id) and their layers' diffIDs, under a Docker schema 2 manifest with gzip layers, as {@code docker push}
 * writes it; an OCI layout is pushed byte for byte (its blobs as they are, its manifests and index unchanged).
 *
 * <p>Thread-safe: one transport may push several images at once. {@link #close()} stops its threads.
 */
public final class RegistryApiTransport implements AutoCloseable {

    /** Docker's image manifest, schema 2: {@link MediaTypes#DOCKER_MANIFEST}. */
    public static final String DOCKER_MANIFEST = MediaTypes.DOCKER_MANIFEST;
    /** Docker's image config: {@link MediaTypes#DOCKER_CONFIG}. */
    public static final String DOCKER_CONFIG = MediaTypes.DOCKER_CONFIG;
    /** Docker's gzip layer: {@link MediaTypes#DOCKER_LAYER_GZIP}. */
    public static final String DOCKER_LAYER_GZIP = MediaTypes.DOCKER_LAYER_GZIP;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryApiTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Entries of a streamed archive up to this size are kept in memory (configs, manifests, tiny layers). */
    private static final int SMALL_ENTRY = 1024 * 1024;
    private static final int MAX_JSON = 16 * 1024 * 1024;
    private static final int GZIP_BLOCK = 256 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private final RegistryApiSettings settings;
    private final ImageSourceOpener opener;
    private final Clock clock;
    private final ExecutorService uploads;
    private final ExecutorService compressors;
    private final TokenCache tokens;
    private final BlobInfoCache cache;
    private final int compressionThreads;
    private final RetryPolicy retry;
    /** Pushes running now, by the thread that called {@link #push}; the watchdog cancels interrupted ones. */
    private final Map<RegistryClient, Thread> active = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService watchdog;
    private volatile boolean closed;

    /**
     * @param settings the {@code hoist.registry-api} settings
     * @param opener gives the engine for {@code docker-daemon:} sources, asked only for those
     */
    public RegistryApiTransport(RegistryApiSettings settings, ImageSourceOpener opener) {
        this(settings, opener, Clock.systemUTC());
    }

    RegistryApiTransport(RegistryApiSettings settings, ImageSourceOpener opener, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = clock;
        this.uploads = Executors.newFixedThreadPool(settings.parallelism(), threads("hoist-upload"));
        this.compressionThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.compressors = Executors.newFixedThreadPool(compressionThreads, threads("hoist-gzip"));
        this.tokens = new TokenCache(clock);
        this.cache = new BlobInfoCache(settings.resolvedBlobCacheDirectory());
        this.retry = RetryPolicy.of(settings);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(threads("hoist-cancel-watch"));
        // Thread.interrupt() cannot unblock socket I/O, so a watchdog cuts the requests of an interrupted push.
        this.watchdog.scheduleWithFixedDelay(() -> active.forEach((client, owner) -> {
            if (owner.isInterrupted() && !client.aborted()) {
                LOG.info("Push to {} interrupted; cancelling its uploads", client.host());
                client.abort();
            }
        }), CANCEL_POLL_MILLIS, CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** How often interrupted pushes are looked for: a cancelled push stops well within a second. */
    private static final long CANCEL_POLL_MILLIS = 50;
    /** How long a cancelled push waits for its uploads to stop before cancelling their sessions. */
    private static final long CANCEL_DRAIN_SECONDS = 5;

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Pushes {@code source} to {@code target}.
     *
     * @param source the image: {@code docker-daemon:}, {@code docker-archive:} or {@code oci:}
     * @param target host, repository and tag, with the registry's TLS settings
     * @param credentials from Hoist's credential chain; empty for anonymous
     * @return what the registry holds now, with the digest it confirmed
     * @throws dev.hoist.push.PushException a typed error: {@link ImageSourceException} for a bad source,
     *         {@link dev.hoist.push.RegistryAuthenticationException}, {@link dev.hoist.push.RegistryApiException}
     *         and its subclasses for the registry's refusals ({@link dev.hoist.push.RegistryUnavailableException}
     *         when the retries were spent); no tag is written then
     * @throws dev.hoist.push.PushCancelledException when the calling thread is interrupted: within a second the
     *         uploads stop and their open upload sessions are cancelled; the interrupt status stays set
     */
    public PushResult push(ImageSource source, RegistryTarget target, Optional<RegistryCredentials> credentials) {
        return push(source, target, credentials, PushProgress.none());
    }

    /**
     * Pushes {@code source} to {@code target}, reporting progress: {@link dev.hoist.push.PushEvent.PushStarted}
     * with the layers (by blob digest for an OCI layout, by diffID for docker sources), per layer checking, exists,
     * mounted, uploading and done or failed, then the manifest. The image config blob is not reported. Events are
     * emitted on the upload threads; {@code progress} must not block.
     *
     * @param progress where the events go; {@link PushProgress#none()} for none
     * @see #push(ImageSource, RegistryTarget, Optional)
     */
    public PushResult push(ImageSource source, RegistryTarget target, Optional<RegistryCredentials> credentials,
                           PushProgress progress) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        if (closed) {
            throw new IllegalStateException("This RegistryApiTransport is closed");
        }
        long start = System.nanoTime();
        try (RegistryClient client = new RegistryClient(settings, target, credentials, tokens, clock, retry)) {
            active.put(client, Thread.currentThread());
            Push push = new Push(client, target, source.toString(), progress);
            try {
                if (Thread.currentThread().isInterrupted()) {
                    throw new dev.hoist.push.PushCancelledException("The push of " + source + " to " + target.image()
                            + " was cancelled before it started (its thread was interrupted).", null);
                }
                client.ping();
                Pushed pushed = switch (source.kind()) {
                    case OCI_LAYOUT -> push.ociLayout(source.path().orElseThrow(), source.reference());
                    case DOCKER_ARCHIVE -> push.dockerArchive(source.path().orElseThrow(), source.reference());
                    case DOCKER_DAEMON -> push.dockerDaemon(source.imageName().orElseThrow());
                };
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return new PushResult(target.image(), pushed.digest, pushed.mediaType, pushed.size,
                        PushResult.REGISTRY_API, pushed.layers, push.uploaded.get(), millis);
            } catch (RuntimeException failed) {
                boolean cancelled = client.aborted() || Thread.currentThread().isInterrupted()
                        || failed instanceof dev.hoist.push.PushCancelledException;
                client.abort();
                push.drain();
                int sessions = client.cancelOpenSessions(target.repository());
                if (cancelled) {
                    Thread.currentThread().interrupt();
                    throw new dev.hoist.push.PushCancelledException("The push of " + source + " to " + target.image()
                            + " was cancelled (its thread was interrupted); " + sessions + " open upload "
                            + (sessions == 1 ? "session was" : "sessions were") + " cancelled, and blobs already"
                            + " committed are skipped by the next push.", failed);
                }
                if (failed instanceof RetryPolicy.Transient leaked) {
                    // Every Transient is caught by a retry loop; this is a safety net, typed all the same.
                    throw new dev.hoist.push.RegistryUnavailableException("The push to " + target.host()
                            + " failed: " + leaked.reason + ".", 1, leaked.getCause());
                }
                throw failed;
            } finally {
                active.remove(client);
            }
        } finally {
            saveCache();
        }
    }

    /** Saves the blob-info cache; a file lock cannot be taken by an interrupted thread, so the flag waits. */
    private void saveCache() {
        boolean interrupted = Thread.interrupted();
        try {
            cache.save();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Pushed(String digest, String mediaType, long size, List<LayerResult> layers) {
    }

    /**
     * A manifest as the registry describes it.
     *
     * @param digest {@code sha256:<hex>}, from {@code Docker-Content-Digest}
     * @param mediaType from {@code Content-Type}
     * @param size bytes, from {@code Content-Length}; -1 when not given
     */
    public record ManifestInfo(String digest, String mediaType, long size) {
    }

    /**
     * What the registry holds under {@code target}'s tag, for a push made by another transport.
     *
     * @param target host, repository and tag
     * @param credentials from Hoist's credential chain; empty for anonymous
     * @return the manifest's digest, media type and size
     * @throws dev.hoist.push.PushException when the registry cannot be asked or has no such tag
     */
    public ManifestInfo describe(RegistryTarget target, Optional<RegistryCredentials> credentials) {
        if (closed) {
            throw new IllegalStateException("This RegistryApiTransport is closed");
        }
        try (RegistryClient client = new RegistryClient(settings, target, credentials, tokens, clock)) {
            client.ping();
            return client.headManifest(target.repository(), target.tag());
        }
    }

    /** A blob that is in the registry now: what it is, and how it got there. */
    private record Blob(String digest, long size, Outcome outcome) {
    }

    /** Opens a blob's bytes again. */
    private interface Opener {
        InputStream open() throws IOException;
    }

    /** The state of one push. */
    private final class Push {

        final RegistryClient client;
        final RegistryTarget target;
        final String repository;
        final String source;
        final String host;
        final AtomicLong uploaded = new AtomicLong();
        final Map<String, CompletableFuture<Blob>> blobs = new ConcurrentHashMap<>();
        /** Every task this push started, so a failed or cancelled push can wait for them before cleaning up. */
        final java.util.Queue<CompletableFuture<?>> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();

        /** Waits (bounded) for every task of this push to end, after {@link RegistryClient#abort()}. */
        void drain() {
            boolean interrupted = Thread.interrupted();
            try {
                CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0]))
                        .get(CANCEL_DRAIN_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException | java.util.concurrent.ExecutionException
                     | java.util.concurrent.TimeoutException ignored) {
                // Failures are the tasks' own; what matters is that they ended.
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Waits for every future, interruptibly; then throws the first failure, typed. */
        void awaitAll(List<? extends CompletableFuture<?>> futures) {
            tasks.addAll(futures);
            try {
                CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.abort();
                throw new dev.hoist.push.PushCancelledException("Push cancelled", e);
            } catch (java.util.concurrent.ExecutionException e) {
                RegistryApiTransport.awaitAll(futures);
            }
        }

        /**
         * Uploads a blob whose bytes can be read again, as many times as the retry policy allows; each attempt in
         * a new upload session (the failed one was cancelled).
         */
        <T> T retrying(String what, RetryPolicy.Attempt<T> attempt) {
            return retry.run(host, "Upload of " + what + " to " + host + "/" + repository, attempt);
        }

        /** Uploads a blob read from a stream that cannot be read again: one attempt. */
        <T> T once(String what, Supplier<T> attempt) {
            try {
                return attempt.get();
            } catch (RetryPolicy.Transient failed) {
                throw new dev.hoist.push.RegistryUnavailableException("Upload of " + what + " from " + source + " to "
                        + host + "/" + repository + " failed after 1 attempt: " + failed.reason + ". It comes from a"
                        + " stream read once, so it is not retried here; run the push again: blobs already in the"
                        + " registry are skipped.", 1, failed.getCause());
            }
        }

        final PushProgress progress;
        /** The layers reported to {@link #progress}: others (the config blob) are not. */
        final java.util.Set<String> tracked = ConcurrentHashMap.newKeySet();

        Push(RegistryClient client, RegistryTarget target, String source, PushProgress progress) {
            this.progress = progress;
            this.client = client;
            this.target = target;
            this.repository = target.repository();
            this.source = source;
            this.host = target.host();
        }

        // -------------------------------------------------------------- progress

        void started(List<PushEvent.Layer> layers) {
            layers.forEach(layer -> tracked.add(layer.id()));
            progress.started(PushResult.REGISTRY_API, layers);
        }

        void checking(String id) {
            if (tracked.contains(id)) {
                progress.checking(id);
            }
        }

        /** Reports how layer {@code id} got into the registry, and returns {@code blob}. */
        Blob reported(String id, Blob blob) {
            if (tracked.contains(id)) {
                switch (blob.outcome()) {
                    case EXISTS -> progress.exists(id, blob.digest(), blob.size());
                    case MOUNTED -> progress.mounted(id, blob.digest(), null);
                    default -> progress.done(id, blob.digest(), blob.size());
                }
            }
            return blob;
        }

        /** Reports that layer {@code id} failed, and returns {@code failure} to throw. */
        RuntimeException failed(String id, RuntimeException failure) {
            if (tracked.contains(id)) {
                progress.failed(id, failure);
            }
            return failure;
        }

        InputStream counting(String id, long size, InputStream in) {
            return tracked.contains(id) ? progress.counting(id, size, in) : in;
        }

        // -------------------------------------------------------------- blobs

        /** A blob whose digest and size are known; once per digest per push, on the upload pool. */
        CompletableFuture<Blob> blobAsync(String digest, long size, String what, Opener opener) {
            return blobs.computeIfAbsent(digest, d -> CompletableFuture.supplyAsync(() -> {
                checking(digest);
                try {
                    return reported(digest, blob(digest, size, what, () -> counting(digest, size, opener.open())));
                } catch (RuntimeException failure) {
                    throw failed(digest, failure);
                }
            }, uploads));
        }

        Blob blob(String digest, long size, String what, Opener opener) {
            if (client.blobExists(repository, digest)) {
                cache.rememberRepository(host, digest, repository);
                return new Blob(digest, size, Outcome.EXISTS);
            }
            Optional<URI> session = mountOrSession(digest);
            if (session == null) {
                return new Blob(digest, size, Outcome.MOUNTED);
            }
            Optional<URI> mounted = session;
            retrying(what, number -> {
                URI upload = number == 1 && mounted.isPresent() ? mounted.get() : client.startUpload(repository);
                uploadBlob(digest, size, what, opener, upload);
                return null;
            });
            uploaded.addAndGet(size);
            cache.rememberRepository(host, digest, repository);
            return new Blob(digest, size, Outcome.UPLOADED);
        }

        private void uploadBlob(String digest, long size, String what, Opener opener, URI upload) {
            if (size <= settings.monolithicThreshold()) {
                byte[] bytes;
                try (InputStream in = opener.open()) {
                    bytes = in.readNBytes((int) size + 1);
                } catch (IOException e) {
                    client.cancel(repository, upload);
                    throw unreadable(what, e);
                }
                String actual = Digests.sha256(bytes);
                if (bytes.length != size || !actual.equals(digest)) {
                    client.cancel(repository, upload);
                    throw new LayerDigestMismatchException(source, what, digest, actual);
                }
                client.uploadMonolithic(repository, upload, digest, bytes);
            } else {
                HashingOutputStream[] sent = new HashingOutputStream[1];
                client.uploadStreamed(repository, upload, size, out -> {
                    HashingOutputStream hashing = new HashingOutputStream(out);
                    sent[0] = hashing;
                    try (InputStream in = opener.open()) {
                        copy(in, hashing, size, what);
                    }
                    hashing.flush();
                }, () -> {
                    String actual = sent[0].digest();
                    if (!actual.equals(digest)) {
                        throw new LayerDigestMismatchException(source, what, digest, actual);
                    }
                    return digest;
                });
            }
        }

        /**
         * Tries a cross-repository mount from a sibling repository the cache names.
         *
         * @return {@code null} when mounted; an upload session when the registry opened one instead (202); empty
         *         when no mount was tried
         */
        Optional<URI> mountOrSession(String digest) {
            List<String> holders = cache.repositoriesHolding(host, digest);
            for (int i = holders.size() - 1; i >= 0; i--) {
                String from = holders.get(i);
                if (from.equals(repository)) {
                    continue;
                }
                Optional<URI> answer = client.mount(repository, digest, from);
                if (answer.isEmpty()) {
                    LOG.debug("Mounted {} from {} into {}", digest, from, repository);
                    cache.rememberRepository(host, digest, repository);
                    return null;
                }
                return answer;
            }
            return Optional.empty();
        }

        /**
         * A docker layer given uncompressed: skipped when the cache and a {@code HEAD} say the registry has its
         * compressed form, else gzip-compressed on the fly and uploaded in one streamed {@code PATCH}.
         *
         * @param expectedDiffId the diffID the image config gives it, checked against the bytes; {@code null} when
         *        not known yet (the caller checks the returned diffID)
         * @param content the uncompressed bytes (not closed here); {@code null} asks only for the skip check
         * @return the blob and the diffID of the bytes read ({@code expectedDiffId} when skipped)
         */
        Map.Entry<Blob, String> dockerLayer(String expectedDiffId, String what, InputStream content) {
            if (expectedDiffId != null) {
                Optional<Blob> present = presentLayer(expectedDiffId);
                if (present.isPresent()) {
                    return Map.entry(present.get(), expectedDiffId);
                }
            }
            if (content == null) {
                return null;
            }
            BufferedInputStream in = new BufferedInputStream(content, COPY_BUFFER);
            boolean gzipped;
            try {
                in.mark(2);
                int first = in.read();
                int second = in.read();
                in.reset();
                gzipped = first == 0x1f && second == 0x8b;
            } catch (IOException e) {
                throw unreadable(what, e);
            }
            URI upload = client.startUpload(repository);
            MessageDigest diff = Digests.sha256();
            HashingOutputStream[] sent = new HashingOutputStream[1];
            String digest = client.uploadStreamed(repository, upload, -1, out -> {
                HashingOutputStream hashing = new HashingOutputStream(out);
                sent[0] = hashing;
                byte[] buffer = new byte[COPY_BUFFER];
                if (gzipped) {
                    // Already compressed: sent as it is; its diffID is the digest of what it expands to.
                    pumpGzipped(in, hashing, diff, what);
                } else {
                    ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(hashing, compressors,
                            settings.compressionLevel(), GZIP_BLOCK, compressionThreads + 1);
                    try {
                        int n;
                        while ((n = readOrFail(in, buffer, what)) > 0) {
                            diff.update(buffer, 0, n);
                            gzip.write(buffer, 0, n);
                        }
                        gzip.finish();
                    } catch (IOException | RuntimeException e) {
                        gzip.abandon();
                        throw e;
                    }
                }
                hashing.flush();
            }, () -> {
                String actual = Digests.format(diff.digest());
                if (expectedDiffId != null && !actual.equals(expectedDiffId)) {
                    throw new LayerDigestMismatchException(source, what, expectedDiffId, actual);
                }
                diffOf.put(sent[0], actual);
                return sent[0].digest();
            });
            String diffId = diffOf.remove(sent[0]);
            long size = sent[0].count();
            uploaded.addAndGet(size);
            cache.rememberLayer(host, diffId, new BlobInfoCache.Blob(digest, size, DOCKER_LAYER_GZIP));
            cache.rememberRepository(host, digest, repository);
            return Map.entry(new Blob(digest, size, Outcome.UPLOADED), diffId);
        }

        private final Map<HashingOutputStream, String> diffOf = new ConcurrentHashMap<>();

        /** The compressed blob of {@code diffId} if the registry has it (HEAD) or it could be mounted. */
        Optional<Blob> presentLayer(String diffId) {
            Optional<BlobInfoCache.Blob> known = cache.compressedFor(host, diffId);
            if (known.isEmpty()) {
                return Optional.empty();
            }
            BlobInfoCache.Blob blob = known.get();
            if (client.blobExists(repository, blob.digest())) {
                cache.rememberRepository(host, blob.digest(), repository);
                return Optional.of(new Blob(blob.digest(), blob.size(), Outcome.EXISTS));
            }
            Optional<URI> session = mountOrSession(blob.digest());
            if (session == null) {
                return Optional.of(new Blob(blob.digest(), blob.size(), Outcome.MOUNTED));
            }
            session.ifPresent(s -> client.cancel(repository, s));
            return Optional.empty();
        }

        // -------------------------------------------------------------- OCI layout

        Pushed ociLayout(Path directory, Optional<String> reference) {
            OciLayout.Image image = OciLayout.read(directory, reference, source);
            Map<String, PushEvent.Layer> layerList = new LinkedHashMap<>();
            for (OciLayout.Manifest manifest : image.manifests()) {
                List<Descriptor> manifestBlobs = manifest.blobs();
                for (int i = 1; i < manifestBlobs.size(); i++) {
                    Descriptor blob = manifestBlobs.get(i);
                    layerList.putIfAbsent(blob.digest(), new PushEvent.Layer(blob.digest(), blob.size()));
                }
            }
            started(List.copyOf(layerList.values()));
            List<CompletableFuture<Blob>> layerFutures = new ArrayList<>();
            List<CompletableFuture<Blob>> all = new ArrayList<>();
            for (OciLayout.Manifest manifest : image.manifests()) {
                List<Descriptor> manifestBlobs = manifest.blobs();
                for (int i = 0; i < manifestBlobs.size(); i++) {
                    Descriptor blob = manifestBlobs.get(i);
                    String what = (i == 0 ? "config " : "layer " + i + " ") + blob.digest();
                    Path file = OciLayout.blobPath(directory, blob.digest());
                    CompletableFuture<Blob> future = blobAsync(blob.digest(), blob.size(), what,
                            () -> Files.newInputStream(file));
                    all.add(future);
                    if (i > 0) {
                        layerFutures.add(future);
                    }
                }
            }
            awaitAll(all);
            for (OciLayout.Manifest manifest : image.manifests()) {
                boolean root = manifest == image.root();
                String reference2 = root ? target.tag() : manifest.descriptor().digest();
                String digest = client.putManifest(repository, reference2, manifest.descriptor().mediaType(),
                        manifest.bytes());
                if (!digest.equals(manifest.descriptor().digest())) {
                    throw new LayerDigestMismatchException(source, "manifest", manifest.descriptor().digest(), digest);
                }
                if (root) {
                    progress.manifest(digest);
                }
            }
            OciLayout.Manifest root = image.root();
            return new Pushed(root.descriptor().digest(), root.descriptor().mediaType(), root.bytes().length,
                    distinct(layerFutures));
        }

        // -------------------------------------------------------------- docker save archives

        Pushed dockerArchive(Path file, Optional<String> name) {
            if (DockerArchiveFile.isGzip(file, source)) {
                return dockerStream(() -> {
                    try {
                        return new GZIPInputStream(Files.newInputStream(file), COPY_BUFFER);
                    } catch (IOException e) {
                        throw new ImageSourceException("Cannot read the archive " + source + " (" + e.getMessage()
                                + "); is it gzip?", e);
                    }
                }, name, null, null);
            }
            DockerArchiveFile archive = DockerArchiveFile.open(file, source);
            DockerSaveManifest manifest = DockerSaveManifest.select(archive.read("manifest.json", MAX_JSON), name,
                    source);
            byte[] config = archive.read(manifest.config(), MAX_JSON);
            List<String> diffIds = diffIds(config, manifest);
            Map<String, PushEvent.Layer> layerList = new LinkedHashMap<>();
            for (int i = 0; i < manifest.layers().size(); i++) {
                long size = archive.size(manifest.layers().get(i)); // every layer there before anything is sent
                if (i < diffIds.size()) {
                    layerList.putIfAbsent(diffIds.get(i), new PushEvent.Layer(diffIds.get(i), size));
                }
            }
            started(List.copyOf(layerList.values()));
            List<CompletableFuture<Blob>> layers = new ArrayList<>();
            Map<String, CompletableFuture<Blob>> byDiffId = new HashMap<>();
            for (int i = 0; i < diffIds.size(); i++) {
                String diffId = diffIds.get(i);
                String path = manifest.layers().get(i);
                String what = "layer " + (i + 1) + " (" + path + ")";
                layers.add(byDiffId.computeIfAbsent(diffId, d -> CompletableFuture.supplyAsync(() -> {
                    checking(diffId);
                    try {
                        Map.Entry<Blob, String> skipped = dockerLayer(diffId, what, null);
                        if (skipped != null) {
                            return reported(diffId, skipped.getKey());
                        }
                        return reported(diffId, retrying(what, number -> {
                            try (InputStream in = counting(diffId, layerList.get(diffId).size(), archive.open(path))) {
                                return dockerLayer(diffId, what, in).getKey();
                            } catch (IOException e) {
                                throw unreadable(what, e);
                            }
                        }));
                    } catch (RuntimeException failure) {
                        throw failed(diffId, failure);
                    }
                }, uploads)));
            }
            CompletableFuture<Blob> configBlob = blobAsync(Digests.sha256(config), config.length, "config",
                    () -> new java.io.ByteArrayInputStream(config));
            List<CompletableFuture<Blob>> all = new ArrayList<>(layers);
            all.add(configBlob);
            awaitAll(all);
            return putDockerManifest(config, layers.stream().map(CompletableFuture::join).toList());
        }

        Pushed dockerDaemon(String name) {
            DockerEngine engine = opener.engine();
            DockerEngine.SavedImage first = engine.saveImage(name);
            boolean[] firstUsed = {false};
            return dockerStream(() -> {
                if (!firstUsed[0]) {
                    firstUsed[0] = true;
                    return first.stream();
                }
                return engine.saveImage(name).stream();
            }, Optional.empty(), first.diffIds(), first.id());
        }

        /**
         * A docker archive read as a stream (gzip file, or the engine's save stream): small entries are kept in
         * memory; layers are pushed as they stream by when their diffID is known from their name (Docker 25+
         * archives, or a first pass over a file), or when none of the image's layers is in the registry yet.
         * Otherwise layers are only hashed, and a second pass sends the missing ones.
         *
         * @param knownDiffIds the image's diffIDs when the engine told them; {@code null} to learn them from a first
         *        pass over the stream (a file only)
         * @param imageId the engine's image id, checked against the config's digest; {@code null} for a file
         */
        Pushed dockerStream(Supplier<InputStream> stream, Optional<String> name, List<String> knownDiffIds,
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
                    throw new ImageSourceException("The archive " + source + " is missing the image config "
                            + manifest.config() + " that its manifest.json names.", null);
                }
                diffIds = diffIds(config, manifest);
                for (int i = 0; i < diffIds.size(); i++) {
                    pathDiffIds.put(resolve(manifest.layers().get(i), links), diffIds.get(i));
                }
            }
            started(new java.util.LinkedHashSet<>(diffIds).stream().map(d -> new PushEvent.Layer(d, -1)).toList());
            // Which layers the registry has already (cache + HEAD, or a mount).
            Map<String, Blob> present = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> checks = new ArrayList<>();
            for (String diffId : new java.util.LinkedHashSet<>(diffIds)) {
                checks.add(CompletableFuture.runAsync(() -> {
                    checking(diffId);
                    try {
                        presentLayer(diffId).ifPresent(b -> present.put(diffId, reported(diffId, b)));
                    } catch (RuntimeException failure) {
                        throw failed(diffId, failure);
                    }
                }, uploads));
            }
            awaitAll(checks);
            int distinct = new java.util.HashSet<>(diffIds).size();
            boolean noneThere = present.isEmpty();
            boolean allThere = present.size() == distinct;
            Map<String, Blob> sent = new HashMap<>();
            Map<String, String> hashed = new HashMap<>();
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
                if (diffId != null) {
                    if (present.containsKey(diffId) || sent.containsKey(diffId)) {
                        hashed.put(entry, diffId);
                        return;
                    }
                    String layerDiffId = diffId;
                    long layerSize = size;
                    Map.Entry<Blob, String> result;
                    try {
                        result = once("layer " + entry,
                                () -> dockerLayer(layerDiffId, "layer " + entry, counting(layerDiffId, layerSize, content)));
                    } catch (RuntimeException failure) {
                        throw failed(diffId, failure);
                    }
                    sent.put(diffId, reported(diffId, result.getKey()));
                    hashed.put(entry, diffId);
                } else if (noneThere) {
                    // Which layer this is shows only once it is hashed; when one layer alone is still to come, it
                    // is that one, and its upload is reported as it goes (an image of one new layer, the usual
                    // case with the engine's legacy save format). Otherwise the layer reports when it is done.
                    List<String> toCome = knownLayers == null ? List.of() : knownLayers.stream().distinct()
                            .filter(layer -> !present.containsKey(layer) && !sent.containsKey(layer)).toList();
                    InputStream reading = toCome.size() == 1 ? counting(toCome.get(0), size, content) : content;
                    Map.Entry<Blob, String> result = once("layer " + entry,
                            () -> dockerLayer(null, "layer " + entry, reading));
                    sent.put(result.getValue(), reported(result.getValue(), result.getKey()));
                    hashed.put(entry, result.getValue());
                } else {
                    hashed.put(entry, sha256(content, entry));
                }
            }, linksSeen);
            links.putAll(linksSeen);
            if (manifest == null) {
                manifest = selectManifest(small, links, name);
                config = small.get(resolve(manifest.config(), links));
                if (config == null) {
                    throw new ImageSourceException("The image config " + manifest.config() + " of " + source
                            + " is missing or larger than " + SMALL_ENTRY + " bytes.", null);
                }
                diffIds = diffIds(config, manifest);
            }
            String configDigest = Digests.sha256(config);
            if (imageId != null && !imageId.equals(configDigest)) {
                throw new LayerDigestMismatchException(source, "image config", imageId, configDigest);
            }
            // Match every layer the manifest names with what was found.
            List<String> secondPass = new ArrayList<>();
            Map<String, String> secondPassDiffIds = new HashMap<>();
            List<CompletableFuture<Blob>> fromMemory = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                String diffId = diffIds.get(i);
                String path = resolve(manifest.layers().get(i), links);
                String what = "layer " + (i + 1) + " (" + manifest.layers().get(i) + ")";
                String found = hashed.get(path);
                if (found != null && !found.equals(diffId)) {
                    throw new LayerDigestMismatchException(source, what, diffId, found);
                }
                if (present.containsKey(diffId) || sent.containsKey(diffId)) {
                    continue;
                }
                if (small.containsKey(path)) {
                    byte[] bytes = small.get(path);
                    String actual = Digests.sha256(bytes);
                    if (!actual.equals(diffId)) {
                        throw new LayerDigestMismatchException(source, what, diffId, actual);
                    }
                    fromMemory.add(CompletableFuture.supplyAsync(() -> {
                        Blob blob;
                        try {
                            blob = reported(diffId, retrying(what, number -> dockerLayer(diffId, what,
                                    counting(diffId, bytes.length, new java.io.ByteArrayInputStream(bytes))).getKey()));
                        } catch (RuntimeException failure) {
                            throw failed(diffId, failure);
                        }
                        synchronized (sent) {
                            sent.put(diffId, blob);
                        }
                        return blob;
                    }, uploads));
                } else if (found != null) {
                    secondPass.add(path);
                    secondPassDiffIds.put(path, diffId);
                } else {
                    throw new ImageSourceException("The archive " + source + " is missing " + what
                            + ", which its manifest.json names. Re-create it (docker save).", null);
                }
            }
            awaitAll(fromMemory);
            if (!secondPass.isEmpty()) {
                LOG.debug("Second pass over {} for {} layers", source, secondPass.size());
                readStream(stream, (entry, size, content) -> {
                    String diffId = secondPassDiffIds.get(entry);
                    if (diffId != null && !sent.containsKey(diffId)) {
                        try {
                            long layerSize = size;
                            sent.put(diffId, reported(diffId, once("layer " + entry,
                                    () -> dockerLayer(diffId, "layer " + entry, counting(diffId, layerSize, content))).getKey()));
                        } catch (RuntimeException failure) {
                            throw failed(diffId, failure);
                        }
                    }
                }, new HashMap<>());
            }
            byte[] configBytes = config;
            CompletableFuture<Blob> configBlob = blobAsync(configDigest, config.length, "config",
                    () -> new java.io.ByteArrayInputStream(configBytes));
            awaitAll(List.of(configBlob));
            List<Blob> layers = new ArrayList<>();
            for (String diffId : diffIds) {
                Blob blob = present.containsKey(diffId) ? present.get(diffId) : sent.get(diffId);
                if (blob == null) {
                    throw new ImageSourceException("The archive " + source + " has no layer with diffID " + diffId
                            + ", which its config names.", null);
                }
                layers.add(blob);
            }
            return putDockerManifest(config, layers);
        }

        private boolean keepIfSmall(Map<String, byte[]> small, String entry, long size, InputStream content)
                throws IOException {
            boolean json = entry.endsWith(".json") || entry.equals("repositories") || entry.equals("oci-layout");
            if (size <= SMALL_ENTRY || (json && size <= MAX_JSON)) {
                small.put(entry, content.readNBytes((int) size));
                return true;
            }
            return false;
        }

        private DockerSaveManifest selectManifest(Map<String, byte[]> small, Map<String, String> links,
                                                  Optional<String> name) {
            byte[] manifestJson = small.get(resolve("manifest.json", links));
            if (manifestJson == null) {
                throw new ImageSourceException("The archive " + source + " has no manifest.json; is it a docker save"
                        + " archive?", null);
            }
            return DockerSaveManifest.select(manifestJson, name, source);
        }

        private void readStream(Supplier<InputStream> stream, TarStream.Handler handler, Map<String, String> links) {
            try (InputStream in = stream.get()) {
                TarStream.read(in, source, handler, links);
            } catch (IOException e) {
                throw unreadable("archive", e);
            }
        }

        private String sha256(InputStream content, String entry) throws IOException {
            MessageDigest hash = Digests.sha256();
            byte[] buffer = new byte[COPY_BUFFER];
            int n;
            while ((n = content.read(buffer)) > 0) {
                hash.update(buffer, 0, n);
            }
            return Digests.format(hash.digest());
        }

        private Pushed putDockerManifest(byte[] config, List<Blob> layers) {
            byte[] bytes = DockerManifest.of(Digests.sha256(config), config.length, layers.stream()
                    .map(layer -> new Descriptor(DOCKER_LAYER_GZIP, layer.digest, layer.size)).toList()).toBytes();
            String digest = client.putManifest(repository, target.tag(), DOCKER_MANIFEST, bytes);
            progress.manifest(digest);
            Map<String, LayerResult> distinct = new LinkedHashMap<>();
            for (Blob layer : layers) {
                distinct.putIfAbsent(layer.digest, new LayerResult(layer.digest, layer.size, layer.outcome));
            }
            return new Pushed(digest, DOCKER_MANIFEST, bytes.length, List.copyOf(distinct.values()));
        }

        private List<String> diffIds(byte[] config, DockerSaveManifest manifest) {
            List<String> diffIds = new ArrayList<>();
            try {
                JsonNode json = JSON.readTree(config);
                json.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
            } catch (IOException e) {
                throw new ImageSourceException("The image config " + manifest.config() + " of " + source
                        + " is not valid JSON.", e);
            }
            if (diffIds.size() != manifest.layers().size() || !diffIds.stream().allMatch(Digests::isSha256)) {
                throw new ImageSourceException("The image config of " + source + " lists " + diffIds.size()
                        + " layer diffIDs but its manifest.json names " + manifest.layers().size() + " layers.", null);
            }
            return diffIds;
        }

        private ImageSourceException unreadable(String what, IOException e) {
            if (e instanceof java.io.EOFException) {
                return new ImageSourceException("The " + what + " of " + source + " is truncated ("
                        + e.getMessage() + ").", e);
            }
            return new ImageSourceException("Cannot read the " + what + " of " + source + ": " + e.getMessage(), e);
        }

        private int readOrFail(InputStream in, byte[] buffer, String what) throws IOException {
            int n = in.read(buffer);
            return Math.max(n, 0);
        }

        private void copy(InputStream in, java.io.OutputStream out, long size, String what) throws IOException {
            byte[] buffer = new byte[COPY_BUFFER];
            long left = size;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, n);
                left -= n;
            }
            if (left > 0) {
                throw new java.io.EOFException(what + " ends " + left + " bytes early");
            }
        }

        /** Sends an already-compressed layer as it is, expanding a copy of it on the way to hash its diffID. */
        private void pumpGzipped(InputStream in, java.io.OutputStream out, MessageDigest diff, String what)
                throws IOException {
            InputStream tee = new java.io.FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        out.write(b);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        out.write(buffer, offset, n);
                    }
                    return n;
                }
            };
            byte[] buffer = new byte[COPY_BUFFER];
            GZIPInputStream expanded = new GZIPInputStream(tee, COPY_BUFFER);
            int n;
            while ((n = expanded.read(buffer)) > 0) {
                diff.update(buffer, 0, n);
            }
            while (tee.read(buffer) > 0) {
                // Bytes after the last gzip member go to the registry unchanged.
            }
        }
    }

    private static String diffIdOfName(String entry) {
        if (entry.startsWith("blobs/sha256/") && entry.length() == "blobs/sha256/".length() + 64) {
            String hex = entry.substring("blobs/sha256/".length());
            return hex.matches("[0-9a-f]{64}") ? "sha256:" + hex : null;
        }
        return null;
    }

    private static String resolve(String path, Map<String, String> links) {
        String current = path;
        for (int i = 0; i < 16 && links.containsKey(current); i++) {
            current = links.get(current);
        }
        return current;
    }

    private static List<LayerResult> distinct(List<CompletableFuture<Blob>> futures) {
        Map<String, LayerResult> distinct = new LinkedHashMap<>();
        for (CompletableFuture<Blob> future : futures) {
            Blob blob = future.join();
            distinct.putIfAbsent(blob.digest, new LayerResult(blob.digest, blob.size, blob.outcome));
        }
        return List.copyOf(distinct.values());
    }

    /** Waits for every future; then throws the first failure, typed. Nothing is left running. */
    private static void awaitAll(List<? extends CompletableFuture<?>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            for (CompletableFuture<?> future : futures) {
                try {
                    future.join();
                } catch (CompletionException failed) {
                    Throwable cause = failed.getCause();
                    if (cause instanceof HoistException hoist) {
                        throw hoist;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new PushFailedException("(registry-api)", String.valueOf(cause), cause);
                }
            }
            throw e;
        }
    }

    /** Stops the upload and compression threads; waits up to 10 s for running uploads to end. */
    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        uploads.shutdownNow();
        compressors.shutdownNow();
        try {
            uploads.awaitTermination(10, TimeUnit.SECONDS);
            compressors.awaitTermination(10, TimeUnit.SECONDS);
            watchdog.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cache.save();
    }
}
