package dev.hoist.transport.registry;

import dev.hoist.transport.compress.LayerCompressor;

import dev.hoist.transport.copy.BlobTasks;

import dev.hoist.push.RegistryException;
import dev.hoist.distribution.Blobs;
import dev.hoist.distribution.ManifestInfo;
import dev.hoist.distribution.Network;
import dev.hoist.distribution.Manifests;
import dev.hoist.distribution.RegistryHost;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.distribution.RegistryProbe;
import dev.hoist.distribution.RetryPolicy;
import dev.hoist.distribution.TokenCache;
import dev.hoist.push.ImageSource;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushCancelledException;
import dev.hoist.push.PushProgress;
import dev.hoist.push.PushResult;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.transport.source.ImageSourceOpener;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final RegistryApiSettings settings;
    private final ImageSourceOpener opener;
    private final Clock clock;
    private final ExecutorService uploads;
    private final ExecutorService compressors;
    private final TokenCache tokens;
    private final BlobInfoCache cache;
    private final LayerCompressor compressor;
    private final RetryPolicy retry;
    /** Pushes running now, by the thread that called {@link #push}; the watchdog cancels interrupted ones. */
    private final Map<RegistryHttp, Thread> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private volatile boolean closed;
    private final Network network;

    /**
     * @param settings the {@code hoist.registry-api} settings
     * @param opener gives the engine for {@code docker-daemon:} sources, asked only for those
     */
    public RegistryApiTransport(RegistryApiSettings settings, ImageSourceOpener opener) {
        this(settings, opener, Clock.systemUTC());
    }

    RegistryApiTransport(RegistryApiSettings settings, ImageSourceOpener opener, Clock clock) {
        this(settings, opener, clock, Network.SYSTEM);
    }

    /** As the public constructor, with host names resolved through {@code network}: a seam for tests. */
    RegistryApiTransport(RegistryApiSettings settings, ImageSourceOpener opener, Clock clock, Network network) {
        this.network = Objects.requireNonNull(network, "network");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = clock;
        this.uploads = Executors.newFixedThreadPool(settings.parallelism(), threads("hoist-upload"));
        int compressionThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.compressors = Executors.newFixedThreadPool(compressionThreads, threads("hoist-gzip"));
        this.compressor = new LayerCompressor(compressors, compressionThreads, settings.compressionLevel());
        this.tokens = new TokenCache(clock);
        this.cache = new BlobInfoCache(settings.resolvedBlobCacheDirectory());
        this.retry = RetryPolicy.of(settings.http());
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
     *         {@link dev.hoist.push.RegistryAuthenticationException}, {@link dev.hoist.push.RegistryException}
     *         and its subclasses for the registry's refusals ({@link dev.hoist.push.RegistryException}
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
        try (RegistryHttp client = http(target, credentials)) {
            active.put(client, Thread.currentThread());
            String sourceText = source.display();
            BlobTasks tasks = new BlobTasks(uploads, client::abort);
            Blobs blobs = new Blobs(client);
            BlobUploader uploader = new BlobUploader(blobs, target, sourceText, cache, retry,
                    settings.monolithicThreshold(), compressor);
            ImagePush push = new ImagePush(sourceText, target.repository(), target.tag(), opener,
                    new LayerProgress(progress), tasks, uploader, new Manifests(client), settings);
            try {
                if (Thread.currentThread().isInterrupted()) {
                    throw new PushCancelledException("The push of " + source.display() + " to " + target.image()
                            + " was cancelled before it started (its thread was interrupted).", null);
                }
                client.ping();
                ImagePush.Pushed pushed = push.push(source);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return new PushResult(target.image(), pushed.digest(), pushed.mediaType(), pushed.size(),
                        PushResult.REGISTRY_API, pushed.layers(), uploader.uploaded(), millis);
            } catch (RuntimeException failed) {
                boolean cancelled = client.aborted() || Thread.currentThread().isInterrupted()
                        || failed instanceof PushCancelledException;
                client.abort();
                tasks.drain();
                Blobs.Cancelled sessions = blobs.cancelOpenSessions(target.repository());
                throw translated(failed, cancelled, sessions, source, target);
            } finally {
                active.remove(client);
            }
        } finally {
            saveCache();
        }
    }

    /**
     * What a failed push throws: a {@link PushCancelledException} (the interrupt status set again) when it was
     * cancelled, a typed {@link RegistryException} for a leaked transient failure, else {@code failed}.
     */
    private static RuntimeException translated(RuntimeException failed, boolean cancelled, Blobs.Cancelled sessions,
                                               ImageSource source, RegistryTarget target) {
        if (cancelled) {
            Thread.currentThread().interrupt();
            int kept = sessions.open() - sessions.cancelled();
            return new PushCancelledException("The push of " + source.display() + " to " + target.image()
                    + " was cancelled (its thread was interrupted); " + sessions.cancelled() + " open upload "
                    + (sessions.cancelled() == 1 ? "session was" : "sessions were") + " cancelled"
                    + (kept == 0 ? "" : ", " + kept + " the registry would not cancel (it purges stale uploads"
                    + " itself)") + ", and blobs already committed are skipped by the next push.", failed);
        }
        if (failed instanceof RetryPolicy.Transient leaked) {
            // Every Transient is caught by a retry loop; this is a safety net, typed all the same.
            return RegistryException.unavailable("The push to " + target.host()
                    + " failed: " + leaked.reason() + ".", 1, leaked.getCause());
        }
        return failed;
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

    /** The registry HTTP layer for one push or one request: this transport's settings, tokens and retries. */
    private RegistryHttp http(RegistryTarget target, Optional<RegistryCredentials> credentials) {
        return new RegistryHttp(settings.http(), new RegistryHost(target.host(), target.caFile(), target.insecure()),
                credentials, target.image(), tokens, clock, retry, network);
    }

    /**
     * The registry HTTP layer for reads and deletes at {@code host}, with this transport's HTTP settings, token
     * cache and retry policy; the caller closes it.
     *
     * @param host the registry host and its TLS settings
     * @param credentials from Hoist's credential chain; empty for anonymous
     * @param subject what the requests are for, named in authentication errors, such as {@code host/repo:tag}
     */
    public RegistryHttp http(RegistryHost host, Optional<RegistryCredentials> credentials, String subject) {
        if (closed) {
            throw new IllegalStateException("This RegistryApiTransport is closed");
        }
        return new RegistryHttp(settings.http(), host, credentials, subject, tokens, clock, retry, network);
    }

    /**
     * Runs reads or deletes at {@code host} over one {@link #http} client that an interrupt of the calling thread
     * cuts (the watchdog aborts it within a second), then closes it.
     *
     * @throws dev.hoist.push.PushCancelledException when the calling thread is interrupted
     */
    public <T> T reading(RegistryHost host, Optional<RegistryCredentials> credentials, String subject,
                         java.util.function.Function<RegistryHttp, T> action) {
        try (RegistryHttp client = http(host, credentials, subject)) {
            active.put(client, Thread.currentThread());
            try {
                if (Thread.currentThread().isInterrupted()) {
                    throw new PushCancelledException("The requests to " + host.name() + " were cancelled before"
                            + " they started (the thread was interrupted).", null);
                }
                return action.apply(client);
            } finally {
                active.remove(client);
            }
        }
    }

    /**
     * A registry as the source of a copy: {@code target}'s tag may be a {@code sha256:} digest. The caller closes it;
     * until then an interrupt of the calling thread cuts its requests.
     */
    public dev.hoist.transport.copy.CopySource copySource(RegistryTarget target,
                                                          Optional<RegistryCredentials> credentials) {
        RegistryHttp client = http(target, credentials);
        Thread owner = Thread.currentThread();
        active.put(client, owner);
        return new RegistryCopySource(client, target.repository(), target.tag(), cache, () -> {
            active.remove(client);
            saveCache();
        });
    }

    /**
     * A registry as the destination of a copy: {@code target}'s tag may be a {@code sha256:} digest. The caller
     * closes it; until then an interrupt of the calling thread cuts its requests.
     *
     * @param source the copy's source as written, for messages
     */
    public dev.hoist.transport.copy.CopyDestination copyDestination(RegistryTarget target,
                                                                    Optional<RegistryCredentials> credentials,
                                                                    String source) {
        RegistryHttp client = http(target, credentials);
        active.put(client, Thread.currentThread());
        return new RegistryCopyDestination(client, target, source, cache, settings, compressor, () -> {
            active.remove(client);
            saveCache();
        });
    }

    /** The pool blob uploads run on ({@link RegistryApiSettings#parallelism()} threads), for a copy's blobs. */
    public java.util.concurrent.Executor uploads() {
        return uploads;
    }

    /**
     * Opens the local ends of a copy (OCI layouts and archives) with this transport's settings: whether a layout's
     * files may link out of it.
     */
    public dev.hoist.transport.copy.LocalEnds localEnds() {
        return new dev.hoist.transport.copy.LocalEnds() {
            @Override
            public dev.hoist.transport.copy.CopySource source(ImageSource source) {
                return switch (source.kind()) {
                    case OCI_LAYOUT, OCI_ARCHIVE -> dev.hoist.transport.copy.LocalStores.source(source,
                            new dev.hoist.transport.source.OciLayout.Links(settings.allowLinksOutOfLayout(),
                                    settings.pathOf("allow-links-out-of-layout")));
                    case DOCKER_ARCHIVE, DOCKER_DAEMON -> dev.hoist.transport.copy.DockerCopySource.open(source,
                            opener, compressor);
                    case REGISTRY -> throw new IllegalArgumentException("A registry is not a local source: "
                            + source.display());
                };
            }

            @Override
            public dev.hoist.transport.copy.CopyDestination destination(dev.hoist.push.ImageDestination destination) {
                return dev.hoist.transport.copy.LocalStores.destination(destination);
            }
        };
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
        try (RegistryHttp client = http(target, credentials)) {
            return new Manifests(client).head(target.repository(), target.tag());
        }
    }

    /**
     * Checks credentials against a registry as a push would use them ({@code hoist auth}), with this transport's
     * HTTP settings and the registry's own TLS settings.
     *
     * @param host the registry host, its CA file and whether it is insecure
     * @param credentials what to present; empty to see whether the registry wants any
     * @param repositoryPath the repository a push would go to, for the token scope
     * @param credentialsSetting the registry's credentials setting, named in advice
     * @return the verdict
     */
    public RegistryProbe.Result probe(RegistryHost host, Optional<RegistryCredentials> credentials,
                                      String repositoryPath, String credentialsSetting) {
        return new RegistryProbe(settings.http()).probe(host, credentials, repositoryPath, credentialsSetting);
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
