package dev.hoist.spi;

import dev.hoist.auth.CredentialResolution;
import dev.hoist.push.ForeignImageException;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.reference.ImageReference;
import dev.hoist.reference.InvalidImageReferenceException;
import dev.hoist.reference.RegistryOwnership;
import dev.hoist.uri.RegistryUri;
import java.util.Objects;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured container registry: where images go, and how they get there.
 *
 * <p>Flavors extend this class and hold only what differs from it, usually an override of
 * {@link #prepareImagePush}. Everything a caller relies on, the ownership check and the
 * push itself, is final here so that every flavor behaves alike.
 */
@ExtensionPoint
public abstract class ContainerRegistry implements StackComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerRegistry.class);
    private static final String DEFAULT_TAG = "latest";
    private static final String DOCKER_HUB = "docker.io";

    private final RegistrySettings settings;
    private final RegistryContext context;
    private final String uri;

    protected ContainerRegistry(RegistrySettings settings, RegistryContext context) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.context = Objects.requireNonNull(context, "context");
        this.uri = RegistryUri.stripTrailingSlashes(settings.uri());
    }

    /** The registry's name in config. */
    @Override
    public final String name() {
        return settings.name();
    }

    /** The registry URI in its flavor's normal form, without trailing slashes. */
    public final String uri() {
        return uri;
    }

    /** The name of the flavor that built this registry. */
    @Override
    public final String flavor() {
        return settings.flavor();
    }

    /** Always {@link StackComponentType#CONTAINER_REGISTRY}. */
    @Override
    public final StackComponentType type() {
        return StackComponentType.CONTAINER_REGISTRY;
    }

    /** The settings this registry was built from. */
    protected final RegistrySettings settings() {
        return settings;
    }

    /**
     * Whether this registry runs on this machine: its host is {@code localhost}, a {@code 127.x.y.z}
     * address or {@code [::1]}, with or without a port. (The seed accepted only {@code localhost:}
     * with a 4-5 digit port, so it missed {@code 127.0.0.1:5000}, {@code localhost/team} and
     * {@code localhost:80}.)
     */
    public boolean isLocal() {
        return RegistryUri.parse(uri).hostAndPort().map(RegistryOwnership::isLocalHost).orElse(false);
    }

    /**
     * The host, with its port, that this registry's images are pushed to and that credentials
     * are looked up for: {@code docker.io} for a Docker Hub namespace.
     */
    public final String host() {
        return RegistryUri.parse(uri).hostAndPort().orElse(DOCKER_HUB);
    }

    /**
     * Whether an image's name places it in this registry: the same host (Docker Hub's names
     * count as one) and the URI's path as the first components of the image's repository.
     *
     * @throws InvalidImageReferenceException if the image is not a valid reference
     */
    public final boolean owns(String image) {
        return ImageReference.parse(image).belongsTo(uri);
    }

    /**
     * The components of an image's repository below this registry's URI path: for the URI
     * {@code ghcr.io/owner} and the image {@code ghcr.io/owner/app/cli:1}, {@code [app, cli]}.
     * For use in {@link #prepareImagePush}, which runs only for images this registry owns.
     */
    protected final List<String> componentsBelowUri(String image) {
        List<String> repository = List.of(ImageReference.parse(image).repository().split("/"));
        int uriDepth = RegistryUri.parse(uri).path().size();
        // A Docker Hub URI with no host, such as "myaccount", names the path of docker.io/myaccount.
        return repository.subList(Math.min(uriDepth, repository.size()), repository.size());
    }

    /**
     * A hook that runs after the ownership check and before the push. Override it to check
     * or prepare the target, for example to make sure a repository exists; throw a
     * {@link dev.hoist.HoistException} with a helpful message to stop the push.
     *
     * @param image the image about to be pushed, as the caller named it
     */
    protected void prepareImagePush(String image) {
        // Nothing to prepare by default.
    }

    /**
     * Pushes an image from the local engine to this registry.
     *
     * @param image a reference under this registry's URI, such as {@code localhost:5000/app:1.0};
     *     without a tag, {@code latest} is pushed
     * @return the digest of the pushed manifest, {@code sha256:<hex>}
     * @throws InvalidImageReferenceException if the image is not a valid reference, saying which part and where
     * @throws ForeignImageException if the image's name is not under this registry's URI
     * @throws dev.hoist.push.PushException for every other failure, typed by cause
     */
    public final String pushImage(String image) {
        ImageReference name = ImageReference.parse(image);
        if (name.digest().isPresent()) {
            throw new InvalidImageNameException(image, "it names a digest; a push needs a tag, like '"
                    + name.name() + ":" + name.tag().orElse(DEFAULT_TAG) + "'");
        }
        if (!name.belongsTo(uri)) {
            throw new ForeignImageException(image, name(), uri);
        }
        runWithFlavorContextLoader(() -> prepareImagePush(image));
        String tag = name.tag().orElse(DEFAULT_TAG);
        CredentialResolution credentials = context.credentials(settings, host());
        LOG.info("Pushing {}:{} to registry '{}' ({}) with {}", name.name(), tag, name(), uri, credentials.describe());
        String digest;
        try {
            digest = context.imagePusher().push(name.name(), tag, credentials.credentials());
        } catch (RegistryAuthenticationException refused) {
            throw refused.withCredentials(credentials.describe());
        }
        LOG.info("Pushed {}:{} as {}", name.name(), tag, digest);
        return digest;
    }

    /** Runs flavor code with the flavor's loader as context loader, as a plugin's code expects. */
    private void runWithFlavorContextLoader(Runnable flavorCode) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(getClass().getClassLoader());
        try {
            flavorCode.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[name=" + name() + ", flavor=" + flavor() + ", uri=" + uri + "]";
    }
}
