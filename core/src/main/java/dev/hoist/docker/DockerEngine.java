package dev.hoist.docker;

import dev.hoist.api.RegistryNames;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.distribution.HttpSettings;
import java.time.Duration;
import dev.hoist.config.DockerSettings;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.PushException;
import dev.hoist.push.ImagePusher;
import com.github.dockerjava.api.model.Version;
import dev.hoist.auth.Environment;
import dev.hoist.push.EngineException;
import dev.hoist.push.ImageSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hoist's one door to the Docker engine, or to Podman's Docker-compatible API. The engine is found
 * by {@link EngineDiscovery} and the client created on first use, not when the engine object is
 * built, so wiring never touches the network; {@link #close()} releases its connections.
 *
 * <p>Three limits apply, each named in the error when it fires: {@code hoist.docker.connect-timeout}
 * for the connection, {@code hoist.docker.idle-timeout} for a push, load or save during which no byte
 * moves, and {@code hoist.docker.push-timeout} for a whole push.
 *
 * <p>The digest a push returns is the registry's: after the engine reports success, the registry is asked
 * for the tag's manifest digest ({@link RegistryDigestLookup}) with the push's credentials.
 */
public final class DockerEngine implements ImagePusher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);

    private final DockerSettings settings;
    private final Supplier<EngineEndpoint> discovery;
    private final BiFunction<DockerSettings, EngineEndpoint, DockerClient> clientFactory;
    private final RegistryDigestLookup digests;
    private final Set<String> warnedRegistries = ConcurrentHashMap.newKeySet();
    private EngineEndpoint endpoint;
    private ScheduledExecutorService timer;
    private DockerClient client;
    private boolean closed;

    /** An engine found as {@code settings} and this process's environment say. */
    public DockerEngine(DockerSettings settings) {
        this(settings, Environment.ofProcess());
    }

    /**
     * An engine found by {@link EngineDiscovery} over {@code settings} and {@code environment}.
     *
     * @param settings {@code hoist.docker}
     * @param environment the variables ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, ...) and home directory to read
     */
    public DockerEngine(DockerSettings settings, Environment environment) {
        this(settings, new EngineDiscovery(settings, environment)::discover, DockerEngine::newClient,
                new HttpDigestLookup(lookupSettings(settings)));
    }

    /**
     * The HTTP settings of the digest check after a push: the engine's connect and idle timeouts, one attempt (the
     * push itself is done; a registry that does not answer at once leaves the engine's digest).
     */
    private static HttpSettings lookupSettings(DockerSettings settings) {
        return new HttpSettings(settings.connectTimeout().duration(), settings.idleTimeout().duration(),
                Optional.empty(), 2, 1, Duration.ofMillis(100), Duration.ofMillis(100), settings.path());
    }

    /** An engine whose client comes from {@code clientFactory}, at the configured host; a seam for tests. */
    DockerEngine(DockerSettings settings, Function<DockerSettings, DockerClient> clientFactory) {
        this(settings, () -> EngineEndpoint.plain(settings.host(), EngineEndpoint.CONFIG, settings.setting("host")),
                (s, e) -> clientFactory.apply(s), new HttpDigestLookup(lookupSettings(settings)));
    }

    /**
     * The full seam, for tests.
     *
     * @param discovery finds the endpoint, on first use
     * @param clientFactory makes the client for the endpoint
     * @param digests asks the registry for a pushed tag's digest
     */
    DockerEngine(DockerSettings settings, Supplier<EngineEndpoint> discovery,
                 BiFunction<DockerSettings, EngineEndpoint, DockerClient> clientFactory, RegistryDigestLookup digests) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
        this.digests = Objects.requireNonNull(digests, "digests");
    }

    /**
     * The endpoint this engine talks to, found on first call, as it may be shown: without the password of a
     * {@code user:password@} ({@link EngineEndpoint#shown()}).
     *
     * @throws EngineException when discovery finds no engine ({@link EngineException.Reason#NOT_FOUND}), or a named
     *         docker context does not exist ({@link EngineException.Reason#CONTEXT_NOT_FOUND})
     */
    public String host() {
        return endpoint().shown();
    }

    /**
     * The endpoint and the rule that chose it, found on first call; see {@link EngineDiscovery}.
     *
     * @throws EngineException when discovery finds no engine ({@link EngineException.Reason#NOT_FOUND}), a named
     *         docker context does not exist ({@link EngineException.Reason#CONTEXT_NOT_FOUND}), or docker's
     *         config.json or a context's meta.json cannot be read ({@link EngineException.Reason#UNUSABLE_FILE})
     */
    public synchronized EngineEndpoint endpoint() {
        if (endpoint == null) {
            endpoint = discovery.get();
        }
        return endpoint;
    }

    /**
     * Where the engine is, which rule chose it, and what it is: {@code GET /version}. An engine that cannot be
     * found or does not answer is reported, not thrown.
     *
     * @throws EngineException of kind {@link ErrorKind#CONFIGURATION} when a named docker context does not exist,
     *         or docker's config.json or a context's meta.json cannot be read
     */
    public EngineInfo info() {
        EngineEndpoint where;
        try {
            where = endpoint();
        } catch (EngineException none) {
            if (none.reason() != EngineException.Reason.NOT_FOUND) {
                throw none;
            }
            return new EngineInfo(Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(none.getMessage()));
        }
        try {
            Version version = guarded(context(DockerErrors.Context.NO_IMAGE, "asking the engine for its version"),
                    guard -> client().versionCmd().exec());
            boolean podman = (version.getPlatform() != null && containsPodman(version.getPlatform().getName()))
                    || (version.getComponents() != null && version.getComponents().stream()
                    .anyMatch(component -> containsPodman(component.getName())));
            return new EngineInfo(Optional.of(where.shown()), Optional.of(where.source()), true,
                    Optional.of(podman ? EngineInfo.PODMAN : EngineInfo.DOCKER), Optional.ofNullable(version.getVersion()),
                    Optional.ofNullable(version.getApiVersion()), Optional.empty());
        } catch (PushException why) {
            return new EngineInfo(Optional.of(where.shown()), Optional.of(where.source()), false, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(why.getMessage()));
        }
    }

    private static boolean containsPodman(String name) {
        return name != null && name.toLowerCase(java.util.Locale.ROOT).contains("podman");
    }

    /**
     * Pushes {@code repository:tag} through the engine and returns the manifest digest the registry holds.
     *
     * @throws PushException typed by cause; an {@link EngineException} of reason
     *         {@link EngineException.Reason#TIMEOUT} names the limit that fired
     */
    @Override
    public String push(String repository, String tag, Optional<RegistryCredentials> credentials) {
        return push(repository, tag, credentials, dev.hoist.push.PushProgress.none());
    }

    /**
     * Pushes as {@link #push(String, String, Optional)} does, mapping the engine's progress stream to
     * {@code progress}: "Preparing" to checking, "Pushing" with {@code progressDetail} to uploading (bytes as the
     * engine counts them), "Pushed", "Layer already exists" and "Mounted from" to done, exists and mounted, an
     * error item to failed for every layer not finished, and the status line with the digest to the manifest.
     * Layers are named by the engine's short layer ids. Events come from docker-java's stream thread.
     *
     * @throws PushException typed by cause; an {@link EngineException} of reason
     *         {@link EngineException.Reason#TIMEOUT} names the limit that fired
     */
    @Override
    public String push(String repository, String tag, Optional<RegistryCredentials> credentials,
                       dev.hoist.push.PushProgress progress) {
        return confirmedDigest(repository, tag, credentials, pushReported(repository, tag, credentials, progress));
    }

    /**
     * Pushes as {@link #push(String, String, Optional, dev.hoist.push.PushProgress)} does, and returns the digest
     * the engine reported without asking the registry: for a caller that asks the registry itself.
     *
     * @throws PushException typed by cause; an {@link EngineException} of reason
     *         {@link EngineException.Reason#TIMEOUT} names the limit that fired
     */
    @Override
    public String pushReported(String repository, String tag, Optional<RegistryCredentials> credentials,
                               dev.hoist.push.PushProgress progress) {
        String image = repository + ":" + tag;
        PushStream stream = new PushStream(progress);
        progress.started(dev.hoist.push.TransportName.ENGINE.configName(), java.util.List.of());
        DockerErrors.Context context = context(image, "pushing '" + image + "'");
        try {
            // Always pass an AuthConfig: without one, docker-java would read ~/.docker/config.json on
            // its own, around Hoist's documented order of credential sources.
            client().pushImageCmd(repository).withTag(tag).withAuthConfig(authConfig(repository, credentials)).exec(stream);
            awaitPush(stream, context);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stream.closeQuietly();
            throw PushException.failed(image, "the push was interrupted", interrupted);
        } catch (IOException | RuntimeException failed) {
            stream.closeQuietly();
            throw DockerErrors.fromException(context, failed);
        }
        if (stream.error().isPresent()) {
            throw DockerErrors.fromEngineMessage(image, stream.error().get(), null);
        }
        return stream.digest().orElseThrow(() -> PushException.failed(image,
                "the engine finished without reporting the manifest digest", null));
    }

    /**
     * Waits for the push stream to end, bounded by the push timeout in all and by the idle timeout between
     * two items of the stream.
     */
    private void awaitPush(PushStream stream, DockerErrors.Context context) throws InterruptedException, IOException {
        long start = System.nanoTime();
        long total = settings.pushTimeout().duration().toNanos();
        long idle = settings.idleTimeout().duration().toNanos();
        while (true) {
            long now = System.nanoTime();
            long totalLeft = total - (now - start);
            long idleLeft = idle - (now - stream.lastActivityNanos());
            if (totalLeft <= 0) {
                stream.close();
                throw EngineException.timeout(context.what(), context.endpoint(),
                        "it took longer than " + settings.pushTimeout() + " in all", settings.setting("push-timeout"), null);
            }
            if (idleLeft <= 0) {
                stream.close();
                throw EngineException.timeout(context.what(), context.endpoint(),
                        "no byte moved in either direction for " + settings.idleTimeout(), settings.setting("idle-timeout"), null);
            }
            if (stream.awaitEnd(Math.min(totalLeft, idleLeft))) {
                if (stream.failure().isPresent()) {
                    throw DockerErrors.fromException(context, stream.failure().get());
                }
                return;
            }
        }
    }

    /**
     * The registry's digest for the pushed tag. When it differs from the engine's (Podman's Docker-compatible
     * API can report another), both are logged at INFO and the registry's is returned; when the registry cannot
     * be asked, the engine's is returned and a warning is logged once per registry.
     */
    private String confirmedDigest(String repository, String tag, Optional<RegistryCredentials> credentials,
                                   String engineDigest) {
        String host = registryHost(repository);
        String path = repository.substring(repository.indexOf('/') + 1);
        if (!repository.startsWith(host + "/")) {
            path = repository; // A Docker Hub name without a host.
        }
        if (host.equals("docker.io") && !path.contains("/")) {
            path = "library/" + path;
        }
        String registryDigest;
        try {
            registryDigest = digests.digest(host, path, tag, credentials);
        } catch (RegistryDigestLookup.Unavailable unavailable) {
            if (warnedRegistries.add(host)) {
                LOG.warn("Could not confirm the digest of {}:{} with the registry ({}); returning the engine's {}",
                        repository, tag, unavailable.getMessage(), engineDigest);
            } else {
                LOG.debug("Could not confirm the digest of {}:{} with the registry ({})", repository, tag,
                        unavailable.getMessage());
            }
            return engineDigest;
        }
        if (!registryDigest.equals(engineDigest)) {
            LOG.info("The engine reported digest {} for {}:{}, the registry holds {}; returning the registry's",
                    engineDigest, repository, tag, registryDigest);
        }
        return registryDigest;
    }

    private DockerErrors.Context context(String image, String what) {
        return new DockerErrors.Context(image, what, endpoint().describe(), settings);
    }

    /** docker-java's form of the credentials, addressed to the registry host of {@code repository}. */
    static AuthConfig authConfig(String repository, Optional<RegistryCredentials> credentials) {
        String host = registryHost(repository);
        // Docker Hub's credentials are keyed by its historical index address.
        AuthConfig auth = new AuthConfig().withRegistryAddress(host.equals("docker.io") ? "https://index.docker.io/v1/" : host);
        credentials.ifPresent(c -> {
            auth.withUsername(c.username());
            c.password().ifPresent(secret -> auth.withPassword(secret.reveal()));
            c.identityToken().ifPresent(secret -> auth.withIdentityToken(secret.reveal()));
        });
        return auth;
    }

    /** The host part of a repository name, as the engine resolves it; Docker Hub for names without one. */
    static String registryHost(String repository) {
        return dev.hoist.api.RegistryNames.hostOf(repository);
    }

    /**
     * Loads images from a {@code docker save} archive.
     *
     * @throws PushException typed as for a push when the engine is unreachable or refuses
     */
    public void loadImage(InputStream archive) {
        DockerErrors.Context context = context(DockerErrors.Context.ARCHIVE, "loading an image archive");
        guarded(context, guard -> client().loadImageCmd(guard.watch(archive)).exec());
    }

    /**
     * Runs a blocking call under {@code hoist.docker.idle-timeout}, mapping its failure to a typed exception.
     */
    private <T> T guarded(DockerErrors.Context context, Function<IdleGuard, T> call) {
        client(); // Discovery's errors come before the guard starts.
        IdleGuard guard = new IdleGuard(timer(), settings.idleTimeout().duration());
        try {
            return call.apply(guard);
        } catch (RuntimeException failed) {
            if (guard.fired()) {
                throw EngineException.timeout(context.what(), context.endpoint(),
                        "no byte moved in either direction for " + settings.idleTimeout(), settings.setting("idle-timeout"), failed);
            }
            throw DockerErrors.fromException(context, failed);
        } finally {
            guard.close();
        }
    }

    private synchronized ScheduledExecutorService timer() {
        if (closed) {
            throw new IllegalStateException("This DockerEngine is closed");
        }
        if (timer == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "hoist-engine-idle-timeout");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            timer = executor;
        }
        return timer;
    }

    /**
     * The engine's {@code docker save} stream of one image ({@code GET /images/<name>/get}, as the docker
     * engine and Podman both serve it), with what {@code docker inspect} says of it, for the registry-API
     * transport's {@code docker-daemon:} source. The stream is read directly, never spooled to a file.
     *
     * @param id the image id, {@code sha256:<hex>}: the digest of its config
     * @param diffIds the layers' uncompressed digests, base layer first
     * @param stream the tar stream; the caller closes it. A read that waits longer than the idle timeout fails
     */
    public record SavedImage(String id, java.util.List<String> diffIds, InputStream stream) {
    }

    /**
     * Starts {@code docker save} of {@code name}.
     *
     * @param name the local image, such as {@code localhost:5000/app:1}
     * @return the image's id, layers and save stream
     * @throws ImageSourceException with reason {@link ImageSourceException.Reason#NOT_FOUND} when the engine has no
     *         such image
     * @throws PushException typed as for a push when the engine is unreachable, silent or refuses
     */
    public SavedImage saveImage(String name) {
        // The engine's "no such image" becomes ImageSourceException.notFoundLocally in guarded().
        DockerErrors.Context context = context(name, "saving '" + name + "'");
        com.github.dockerjava.api.command.InspectImageResponse inspected =
                guarded(context, guard -> client().inspectImageCmd(name).exec());
        java.util.List<String> diffIds = inspected.getRootFS() == null || inspected.getRootFS().getLayers() == null
                ? java.util.List.of() : java.util.List.copyOf(inspected.getRootFS().getLayers());
        InputStream archive = guarded(context, guard -> client().saveImageCmd(name).exec());
        return new SavedImage(inspected.getId(), diffIds,
                new IdleGuard(timer(), settings.idleTimeout().duration()).watchReads(archive));
    }

    /** Gives the local image {@code source} the additional name {@code repository:tag}. */
    public void tagImage(String source, String repository, String tag) {
        guarded(context(repository + ":" + tag, "tagging '" + source + "' as '" + repository + ":" + tag + "'"),
                guard -> client().tagImageCmd(source, repository, tag).exec());
    }

    /** Removes a local image name; a name that is already gone is fine. */
    public void removeImage(String image) {
        try {
            guarded(context(image, "removing '" + image + "'"), guard -> client().removeImageCmd(image).withForce(true).exec());
        } catch (ImageSourceException alreadyGone) {
            if (alreadyGone.reason() != ImageSourceException.Reason.NOT_FOUND) {
                throw alreadyGone;
            }
            LOG.debug("Image {} was already gone", image);
        }
    }

    /** Whether an engine is found and answers a ping. */
    public boolean isReachable() {
        try {
            guarded(context(DockerErrors.Context.NO_IMAGE, "pinging the engine"), guard -> client().pingCmd().exec());
            return true;
        } catch (PushException unreachable) {
            if (unreachable.kind() == ErrorKind.CONFIGURATION) {
                throw unreachable;
            }
            return false; // Not found, not answering, not the Docker API; a configuration error is thrown.
        } catch (IllegalStateException closed) {
            return false;
        }
    }

    private synchronized DockerClient client() {
        if (closed) {
            throw new IllegalStateException("This DockerEngine is closed");
        }
        if (client == null) {
            client = clientFactory.apply(settings, endpoint());
        }
        return client;
    }

    private static DockerClient newClient(DockerSettings settings, EngineEndpoint endpoint) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.endpoint())
                .withDockerTlsVerify(endpoint.tls());
        endpoint.tlsMaterial().ifPresent(dir -> builder.withDockerCertPath(dir.toString()));
        settings.configDir().ifPresent(builder::withDockerConfig);
        DockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(endpoint.skipTlsVerify() && endpoint.tls() ? new UnverifiedSslConfig(endpoint.tlsMaterial())
                        : config.getSSLConfig())
                .connectionTimeout(settings.connectTimeout().duration())
                // The socket's read timeout: no byte from the engine for this long fails the call. A push streams
                // progress for as long as it moves; push-timeout bounds it in all.
                .responseTimeout(settings.idleTimeout().duration())
                .maxConnections(16)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                LOG.debug("Closing the Docker client failed", ignored);
            }
            client = null;
        }
    }
}
