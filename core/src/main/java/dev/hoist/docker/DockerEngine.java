package dev.hoist.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.hoist.auth.RegistryCredentials;
import dev.hoist.config.DockerSettings;
import dev.hoist.push.PushException;
import dev.hoist.push.PushFailedException;
import dev.hoist.spi.ImagePusher;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hoist's one door to the Docker engine. The client is created on first use, not when
 * the engine object is built, so wiring never touches the network; {@link #close()}
 * releases its connections.
 */
public final class DockerEngine implements ImagePusher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);

    private final DockerSettings settings;
    private final Function<DockerSettings, DockerClient> clientFactory;
    private DockerClient client;
    private boolean closed;

    /** An engine reached as {@code settings} say. */
    public DockerEngine(DockerSettings settings) {
        this(settings, DockerEngine::newClient);
    }

    /** An engine whose client comes from {@code clientFactory}; a seam for tests. */
    DockerEngine(DockerSettings settings, Function<DockerSettings, DockerClient> clientFactory) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clientFactory = clientFactory;
    }

    /** The endpoint this engine talks to. */
    public String host() {
        return settings.host();
    }

    @Override
    public String push(String repository, String tag, Optional<RegistryCredentials> credentials) {
        String image = repository + ":" + tag;
        PushStream stream = new PushStream();
        try {
            // Always pass an AuthConfig: without one, docker-java would read ~/.docker/config.json on
            // its own, around Hoist's documented order of credential sources.
            client().pushImageCmd(repository).withTag(tag).withAuthConfig(authConfig(repository, credentials)).exec(stream);
            if (!stream.awaitCompletion(settings.pushTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                stream.close();
                throw new PushFailedException(image, "it did not finish within " + settings.pushTimeout()
                        + " (hoist.docker.push-timeout)", null);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new PushFailedException(image, "the push was interrupted", interrupted);
        } catch (IOException | RuntimeException failed) {
            throw DockerErrors.fromException(image, settings.host(), failed);
        }
        if (stream.error().isPresent()) {
            throw DockerErrors.fromEngineMessage(image, stream.error().get(), null);
        }
        return stream.digest().orElseThrow(() -> new PushFailedException(image,
                "the engine finished without reporting the manifest digest", null));
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
        int slash = repository.indexOf('/');
        String first = slash < 0 ? "" : repository.substring(0, slash);
        boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
        return isHost ? first : "docker.io";
    }

    /**
     * Loads images from a {@code docker save} archive.
     *
     * @throws PushException typed as for a push when the engine is unreachable or refuses
     */
    public void loadImage(InputStream archive) {
        try {
            client().loadImageCmd(archive).exec();
        } catch (RuntimeException failed) {
            throw DockerErrors.fromException("(archive)", settings.host(), failed);
        }
    }

    /**
     * The engine's {@code docker save} stream of one image, with what {@code docker inspect} says of it, for the
     * registry-API transport's {@code docker-daemon:} source. The stream is read directly, never spooled to a file.
     *
     * @param id the image id, {@code sha256:<hex>}: the digest of its config
     * @param diffIds the layers' uncompressed digests, base layer first
     * @param stream the tar stream; the caller closes it
     */
    public record SavedImage(String id, java.util.List<String> diffIds, InputStream stream) {
    }

    /**
     * Starts {@code docker save} of {@code name}.
     *
     * @throws dev.hoist.push.ImageNotFoundLocallyException when the engine has no such image
     * @throws PushException typed as for a push when the engine is unreachable or refuses
     */
    public SavedImage saveImage(String name) {
        try {
            com.github.dockerjava.api.command.InspectImageResponse inspected = client().inspectImageCmd(name).exec();
            java.util.List<String> diffIds = inspected.getRootFS() == null || inspected.getRootFS().getLayers() == null
                    ? java.util.List.of() : java.util.List.copyOf(inspected.getRootFS().getLayers());
            return new SavedImage(inspected.getId(), diffIds, client().saveImageCmd(name).exec());
        } catch (NotFoundException missing) {
            throw new dev.hoist.push.ImageNotFoundLocallyException(name, missing);
        } catch (RuntimeException failed) {
            throw DockerErrors.fromException(name, settings.host(), failed);
        }
    }

    /** Gives the local image {@code source} the additional name {@code repository:tag}. */
    public void tagImage(String source, String repository, String tag) {
        try {
            client().tagImageCmd(source, repository, tag).exec();
        } catch (RuntimeException failed) {
            throw DockerErrors.fromException(source, settings.host(), failed);
        }
    }

    /** Removes a local image name; a name that is already gone is fine. */
    public void removeImage(String image) {
        try {
            client().removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            LOG.debug("Image {} was already gone", image);
        } catch (RuntimeException failed) {
            throw DockerErrors.fromException(image, settings.host(), failed);
        }
    }

    /** Whether the engine answers a ping. */
    public boolean isReachable() {
        try {
            client().pingCmd().exec();
            return true;
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    private synchronized DockerClient client() {
        if (closed) {
            throw new IllegalStateException("This DockerEngine is closed");
        }
        if (client == null) {
            client = clientFactory.apply(settings);
        }
        return client;
    }

    private static DockerClient newClient(DockerSettings settings) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.host())
                .withDockerTlsVerify(settings.tlsVerify());
        settings.certPath().ifPresent(builder::withDockerCertPath);
        settings.configDir().ifPresent(builder::withDockerConfig);
        DockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(settings.connectTimeout())
                .responseTimeout(Duration.ZERO) // A push streams for as long as it takes; push-timeout bounds it.
                .maxConnections(16)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public synchronized void close() {
        closed = true;
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
