package dev.hoist.spi;

import dev.hoist.auth.CredentialResolution;
import dev.hoist.push.ForeignImageException;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.reference.ImageName;
import dev.hoist.uri.RegistryUri;
import java.util.Objects;
import java.util.regex.Pattern;
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
public abstract class ContainerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerRegistry.class);
    // The seed's rule, kept until the reference parser lands: only localhost with a 4-5 digit port.
    private static final Pattern LOCAL_URI = Pattern.compile("localhost:[0-9]{4,5}");
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
    public final String name() {
        return settings.name();
    }

    /** The registry URI in its flavor's normal form, without trailing slashes. */
    public final String uri() {
        return uri;
    }

    /** The name of the flavor that built this registry. */
    public final String flavor() {
        return settings.flavor();
    }

    /** Always {@link StackComponentType#CONTAINER_REGISTRY}. */
    public final StackComponentType type() {
        return StackComponentType.CONTAINER_REGISTRY;
    }

    /** The settings this registry was built from. */
    protected final RegistrySettings settings() {
        return settings;
    }

    /** Whether this registry runs on this machine: for now, exactly {@code localhost:<4-5 digits>}. */
    public boolean isLocal() {
        return LOCAL_URI.matcher(uri).matches();
    }

    /**
     * The host, with its port, that this registry's images are pushed to and that credentials
     * are looked up for: {@code docker.io} for a Docker Hub namespace.
     */
    public final String host() {
        return RegistryUri.parse(uri).hostAndPort().orElse(DOCKER_HUB);
    }

    /** Whether an image's name places it in this registry, on whole path components. */
    public final boolean owns(String image) {
        return ImageName.parse(image).isUnder(uri);
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
     * @param image a name under this registry's URI, such as {@code localhost:5000/app:1.0};
     *     without a tag, {@code latest} is pushed
     * @return the digest of the pushed manifest, {@code sha256:<hex>}
     * @throws ForeignImageException if the image's name is not under this registry's URI
     * @throws dev.hoist.push.PushException for every other failure, typed by cause
     */
    public final String pushImage(String image) {
        ImageName name = ImageName.parse(image);
        if (name.digest().isPresent()) {
            throw new InvalidImageNameException(image, "it names a digest; a push needs a tag, like '"
                    + name.repository() + ":" + name.tag().orElse(DEFAULT_TAG) + "'");
        }
        if (!name.isUnder(uri)) {
            throw new ForeignImageException(image, name(), uri);
        }
        runWithFlavorContextLoader(() -> prepareImagePush(image));
        String tag = name.tag().orElse(DEFAULT_TAG);
        CredentialResolution credentials = context.credentials(settings, host());
        LOG.info("Pushing {}:{} to registry '{}' ({}) with {}", name.repository(), tag, name(), uri, credentials.describe());
        String digest;
        try {
            digest = context.imagePusher().push(name.repository(), tag, credentials.credentials());
        } catch (RegistryAuthenticationException refused) {
            throw refused.withCredentials(credentials.describe());
        }
        LOG.info("Pushed {}:{} as {}", name.repository(), tag, digest);
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
