package dev.hoist.registry;

import dev.hoist.push.TransportName;
import dev.hoist.api.ImageReference;
import dev.hoist.api.InvalidImageReferenceException;
import dev.hoist.api.RegistryNames;
import dev.hoist.api.RegistryUri;
import dev.hoist.auth.CredentialResolution;
import dev.hoist.auth.CredentialResolver;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.ProgressDispatcher;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushListener;
import dev.hoist.push.PushProgress;
import dev.hoist.transport.registry.RegistryApiTransport;
import dev.hoist.transport.registry.RegistryTarget;
import java.nio.file.Path;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.PushHook;
import dev.hoist.spi.StackComponent;
import dev.hoist.spi.StackComponentType;
import java.util.List;
import java.util.Objects;
import dev.hoist.spi.RegistryCredentials;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured container registry: where images go, and how they get there. Core builds it
 * from its flavor's hooks; flavors never subclass it.
 *
 * <p>{@link #pushImage} takes the same steps for every flavor, in this order: parse the
 * reference, check ownership, run the flavor's {@link PushHook}, resolve credentials, push
 * through the transport, return the digest. Closing it closes the flavor's hook when that is
 * {@link AutoCloseable}.
 */
public final class ContainerRegistry implements StackComponent, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerRegistry.class);
    private static final String DEFAULT_TAG = "latest";

    private final String name;
    private final String path;
    private final String flavor;
    private final String uri;
    private final Optional<PushHook> hook;
    private final CredentialResolver credentials;
    private final Transports transports;
    private final Connection connection;
    /** For an implicit registry, where config would hold one like it, such as {@code hoist.registries}; else null. */
    private final String implicitIn;

    /**
     * How a registry is reached: its transport and its TLS settings.
     *
     * @param transport {@code engine} or {@code registry-api}: a {@link TransportName#configName()}
     * @param caFile a CA bundle to trust besides the system's, for the registry-API transport
     * @param insecure whether plain HTTP and unverified TLS are allowed off loopback (registry-API transport)
     */
    public record Connection(String transport, Optional<Path> caFile, boolean insecure) {

        /** Checks that no part is {@code null}. */
        public Connection {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(caFile, "caFile");
        }

        /** The engine transport, as before the registry-API transport existed. */
        public static Connection engine() {
            return new Connection(TransportName.ENGINE.configName(), Optional.empty(), false);
        }
    }

    /**
     * A registry; {@link RegistryFlavorAdapter} builds it from a flavor, and tests may too.
     *
     * @param name its name in config
     * @param path its full config path, such as {@code hoist.registries.prod}, for messages
     * @param flavor its flavor's name
     * @param uri its URI in the flavor's normal form
     * @param hook the flavor's push hook, already guarded
     * @param credentials the credential chain for its host
     * @param transports the engine and registry-API transports
     * @param connection which transport this registry uses, and its TLS settings
     */
    public ContainerRegistry(String name, String path, String flavor, String uri, Optional<PushHook> hook,
                             CredentialResolver credentials, Transports transports, Connection connection) {
        this(name, path, flavor, uri, hook, credentials, transports, connection, null);
    }

    private ContainerRegistry(String name, String path, String flavor, String uri, Optional<PushHook> hook,
                              CredentialResolver credentials, Transports transports, Connection connection,
                              String implicitIn) {
        this.implicitIn = implicitIn;
        this.name = Objects.requireNonNull(name, "name");
        this.path = Objects.requireNonNull(path, "path");
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        this.uri = RegistryUri.stripTrailingSlashes(Objects.requireNonNull(uri, "uri"));
        this.hook = Objects.requireNonNull(hook, "hook");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.transports = Objects.requireNonNull(transports, "transports");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * The registry's name in config; for an {@linkplain #isImplicit() implicit registry}, which config does not name,
     * its URI.
     */
    @Override
    public String name() {
        return name;
    }

    /**
     * This registry as an implicit one: not in config, built for a reference that no configured registry owns by the
     * flavor that claims its host (or the {@code default} flavor). It shares this registry's hook, credentials and
     * transports; close only the copy.
     *
     * @param registriesPath where config would hold a registry like it, such as {@code hoist.registries}, for messages
     * @return the implicit registry
     */
    public ContainerRegistry asImplicit(String registriesPath) {
        return new ContainerRegistry(name, path, flavor, uri, hook, credentials, transports, connection,
                Objects.requireNonNull(registriesPath, "registriesPath"));
    }

    /** {@return whether this registry is implicit: built for a reference's host, with no entry in config} */
    public boolean isImplicit() {
        return implicitIn != null;
    }

    /** {@return the registry's name in config; empty for an implicit registry} */
    public Optional<String> configuredName() {
        return isImplicit() ? Optional.empty() : Optional.of(name);
    }

    /**
     * {@return the registry for a person: {@code registry 'local' (localhost:5000, flavor default)}, or for an implicit
     * one {@code implicit registry ghcr.io/acme (flavor github)}}
     */
    public String describe() {
        return isImplicit() ? "implicit registry " + uri + " (flavor " + flavor + ")"
                : "registry '" + name + "' (" + uri + ", flavor " + flavor + ")";
    }

    /** Where this registry's credentials are set, for messages: its {@code credentials} key, or how to configure one. */
    private String credentialsSetting() {
        return isImplicit() ? "a registry in " + implicitIn + " { flavor = " + flavor + ", uri = \"" + uri
                + "\", credentials { ... } }" : path + ".credentials";
    }

    /** Its full config path, such as {@code hoist.registries.prod} or {@code mystack.components.registries.prod}. */
    public String path() {
        return path;
    }

    /** The name of the flavor that built it. */
    @Override
    public String flavor() {
        return flavor;
    }

    /** Always {@link StackComponentType#CONTAINER_REGISTRY}. */
    @Override
    public StackComponentType type() {
        return StackComponentType.CONTAINER_REGISTRY;
    }

    /** The URI in its flavor's normal form, such as {@code ghcr.io/acme}. */
    public String uri() {
        return uri;
    }

    /** Whether the registry's host is loopback, by {@link RegistryNames#isLoopback the one loopback rule}. */
    public boolean isLocal() {
        return RegistryNames.isLoopback(host());
    }

    /** A registry off this machine is remote; stacks use it in their rules. */
    @Override
    public boolean isRemote() {
        return !isLocal();
    }

    /**
     * The host, with its port, that images are pushed to and that credentials are looked up
     * for: {@code docker.io} for a Docker Hub namespace.
     */
    public String host() {
        return RegistryUri.parse(uri).hostAndPort().orElse(RegistryNames.DOCKER_HUB);
    }

    /**
     * Whether an image's name places it in this registry: the same host (Docker Hub's names
     * count as one) and the URI's path as the first components of the image's repository.
     *
     * @throws InvalidImageReferenceException if the image is not a valid reference
     */
    public boolean owns(String image) {
        return ImageReference.parse(image).belongsTo(uri);
    }

    /** The credential chain for this registry's host, to see which source would answer. */
    public CredentialResolver credentials() {
        return credentials;
    }

    /**
     * Pushes an image from the local engine to this registry.
     *
     * @param image a reference under this registry's URI, such as {@code localhost:5000/app:1.0};
     *     without a tag, {@code latest} is pushed
     * @return the digest of the pushed manifest, {@code sha256:<hex>}
     * @throws InvalidImageReferenceException if the image is not a valid reference, saying which part and where
     * @throws InvalidImageNameException if it names a digest, or the flavor's hook refuses it (reason
     *     {@link InvalidImageNameException.Reason#INVALID}), or the image's name is not under this registry's URI
     *     ({@link InvalidImageNameException.Reason#FOREIGN})
     * @throws dev.hoist.push.PushException for every other failure, typed by cause
     */
    public String pushImage(String image) {
        ImageReference.parse(image); // A bad reference is reported as such, before it is taken as a source name.
        return push(ImageSource.dockerDaemon(image), image).digest();
    }

    /** The transport this registry pushes through: {@code engine} or {@code registry-api}. */
    public String transport() {
        return connection.transport();
    }

    /**
     * Pushes an image from any source to this registry, under the name {@code target}.
     *
     * <p>The steps are those of every push: parse {@code target}, check it belongs to this registry,
     * run the flavor's hook, resolve credentials for the registry's host, move the bytes, return what
     * the registry holds. The engine transport is used when this registry's transport is
     * {@code engine} and the source is the engine's image of that same name; every other push goes
     * through the registry-API transport, which needs no engine for {@code docker-archive:} and
     * {@code oci:} sources.
     *
     * @param source the image: {@code docker-daemon:NAME}, {@code docker-archive:PATH[:NAME]} or {@code oci:DIR[:REF]}
     * @param target the reference to push as, under this registry's URI, such as {@code ghcr.io/acme/app:1.0}
     * @return the digest, media type and size of the manifest the registry holds, and per layer what happened
     * @throws InvalidImageReferenceException if {@code target} is not a valid reference
     * @throws InvalidImageNameException if it names a digest, or the flavor's hook refuses it (reason
     *     {@link InvalidImageNameException.Reason#INVALID}), or {@code target} is not under this registry's URI
     *     ({@link InvalidImageNameException.Reason#FOREIGN})
     * @throws dev.hoist.push.PushException for every other failure, typed by cause
     */
    public PushResult push(ImageSource source, String target) {
        return push(source, target, PushListener.NONE);
    }

    /**
     * Pushes as {@link #push(ImageSource, String)} does, reporting progress to {@code listener}: the push's
     * layers, per layer checking, exists, mounted, uploading (at most ten updates a second), done or failed, the
     * manifest, and the end ({@link PushEvent.PushDone} or {@link PushEvent.PushFailed}). Both transports report.
     *
     * <p>The listener is called on a dispatcher thread of this push, one event at a time, never on the caller's
     * thread nor on an upload thread: a slow listener drops intermediate uploading updates, never state changes,
     * and never stalls an upload. This method returns after the listener has seen the last event. A listener's
     * exception is logged and ignored.
     *
     * @param listener receives the events; {@link PushListener#NONE} for none
     * @return the digest, media type and size of the manifest the registry holds, and per layer what happened
     * @throws InvalidImageReferenceException if {@code target} is not a valid reference
     * @throws InvalidImageNameException if it names a digest, or the flavor's hook refuses it (reason
     *     {@link InvalidImageNameException.Reason#INVALID}), or {@code target} is not under this registry's URI
     *     ({@link InvalidImageNameException.Reason#FOREIGN})
     * @throws dev.hoist.push.PushException for every other failure, typed by cause
     */
    public PushResult push(ImageSource source, String target, PushListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (listener == PushListener.NONE) {
            return push(source, target, PushProgress.none());
        }
        try (ProgressDispatcher dispatcher = new ProgressDispatcher(listener)) {
            PushProgress progress = new PushProgress(target, dispatcher);
            try {
                PushResult result = push(source, target, progress);
                progress.emit(new PushEvent.PushDone(target, result));
                return result;
            } catch (RuntimeException failed) {
                progress.emit(new PushEvent.PushFailed(target, failed));
                throw failed;
            }
        }
    }

    /** The same image for the engine: same name, same tag ({@code latest} when none is written), same digest. */
    private static boolean sameImage(ImageReference one, ImageReference other) {
        return one.name().equals(other.name()) && one.tag().orElse("latest").equals(other.tag().orElse("latest"))
                && one.digest().equals(other.digest());
    }

    private PushResult push(ImageSource source, String target, PushProgress progress) {
        if (source.kind() == ImageSource.Kind.OCI_ARCHIVE || source.kind() == ImageSource.Kind.REGISTRY) {
            return pushByCopy(source, target, progress);
        }
        ImageReference reference = ImageReference.parse(target);
        PushHook.Target checked = target(reference, target);
        CredentialResolution found = credentials.resolve(host());
        boolean engine = connection.transport().equals(TransportName.ENGINE.configName())
                && source.kind() == ImageSource.Kind.DOCKER_DAEMON
                && source.imageName().map(image -> sameImage(ImageReference.parse(image), reference)).orElse(false);
        // The engine pushes an image only under its own name; any other source goes through the registry API,
        // and the log says so when this registry is set to the engine.
        String why = engine || !connection.transport().equals(TransportName.ENGINE.configName()) ? ""
                : source.kind() == ImageSource.Kind.DOCKER_DAEMON
                ? " (not the engine: it pushes an image only under its own name, and " + source.display() + " names another)"
                : " (not the engine: it pushes only images it holds, and " + source.display() + " is not one)";
        LOG.info("Pushing {}:{} from {} to {} through {}{} with {}", reference.name(), checked.tag(),
                source.display(), describe(), engine ? TransportName.ENGINE : TransportName.REGISTRY_API, why, found.describe());
        RegistryTarget to = new RegistryTarget(host(), checked.repository(), checked.tag(), connection.caFile(),
                connection.insecure());
        PushResult result;
        try {
            result = engine ? pushThroughEngine(reference, checked, to, found, progress)
                    : transports.registryApi().push(source, to, found.credentials(), progress);
        } catch (RegistryAuthenticationException refused) {
            throw refused.withCredentials(found.describe(), credentialsSetting());
        }
        LOG.info("Pushed {}:{} as {}", reference.name(), checked.tag(), result.digest());
        return result;
    }

    /**
     * A push from an OCI archive, or from another repository of this registry: a copy, byte for byte. A registry
     * source elsewhere needs that registry's credentials: {@code dev.hoist.copy.ImageCopier} gives each end its own.
     */
    private PushResult pushByCopy(ImageSource source, String target, PushProgress progress) {
        long start = System.nanoTime();
        dev.hoist.transport.registry.RegistryApiTransport api = transports.registryApi();
        if (source.kind() == ImageSource.Kind.REGISTRY && !owns(source.imageName().orElseThrow())) {
            throw dev.hoist.push.ImageSourceException.invalid(source.display() + " is not in registry '" + name
                    + "' (" + uri + "); copy it with hoist copy (Hoist.copier() in Java), which gives each registry"
                    + " its own credentials.", null);
        }
        ImageReference.parse(target);
        try (dev.hoist.transport.copy.CopySource in = source.kind() == ImageSource.Kind.REGISTRY
                ? copySource(source.imageName().orElseThrow()) : api.localEnds().source(source);
             dev.hoist.transport.copy.CopyDestination out = copyDestination(target, source.display())) {
            return new dev.hoist.transport.copy.ImageCopy(api.uploads(), progress).copy(in, out, List.of())
                    .toPushResult(target, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                            - start));
        }
    }

    private PushResult pushThroughEngine(ImageReference reference, PushHook.Target checked, RegistryTarget to,
                                         CredentialResolution found, PushProgress progress) {
        long start = System.nanoTime();
        String digest = transports.engine().pushReported(reference.name(), checked.tag(), found.credentials(),
                progress);
        String mediaType = "";
        long size = -1;
        // One HEAD for the digest the registry holds (Podman's API can report another), its media type and size;
        // none when the pusher's digest is the registry's already.
        if (!transports.engine().reportsRegistryDigest()) {
            try {
                dev.hoist.distribution.ManifestInfo held = transports.registryApi().describe(to, found.credentials());
                if (!held.digest().isEmpty() && !held.digest().equals(digest)) {
                    LOG.info("The engine reported digest {} for {}:{}, the registry holds {}; returning the registry's",
                            digest, reference.name(), checked.tag(), held.digest());
                    digest = held.digest();
                }
                mediaType = held.mediaType();
                size = held.size();
            } catch (HoistException | IllegalStateException unknown) {
                LOG.warn("Pushed {}:{}, but could not ask the registry for the manifest's digest, media type and size"
                        + " ({}); returning the engine's digest {}", reference.name(), checked.tag(),
                        unknown.getMessage(), digest);
            }
        }
        return new PushResult(checked.image(), digest, mediaType, size, TransportName.ENGINE.configName(), List.of(), 0,
                java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /**
     * Checks credentials against this registry as a push would use them, for {@code hoist auth}: over the registry
     * HTTP layer, with this registry's CA file and {@code insecure} setting and the {@code registry-api} section's
     * timeouts; nothing is pushed.
     *
     * @param credentials what to present (from {@link #credentials()}); empty to see whether the registry wants any
     * @param repositoryPath the repository a push would go to, for the token scope, such as {@code team/app}
     * @return the verdict and a detail for a person, never a secret
     */
    public dev.hoist.distribution.RegistryProbe.Result probe(Optional<RegistryCredentials> credentials,
                                                           String repositoryPath) {
        return transports.registryApi().probe(new dev.hoist.distribution.RegistryHost(host(), connection.caFile(),
                connection.insecure()), credentials, repositoryPath, credentialsSetting());
    }

    // ------------------------------------------------------------------ the read side

    /**
     * The digest, media type and size of the manifest or index the registry holds for {@code reference}: one
     * {@code HEAD} (which Docker Hub does not count against its pull limit), and a {@code GET} only when the
     * registry sends no {@code Docker-Content-Digest}. With a platform, the entry of the index for it.
     *
     * @param reference under this registry's URI, with a tag ({@code latest} when none) or a digest
     * @param platform the platform whose manifest to resolve in an index; empty for the reference itself
     * @return the manifest, {@code reference} as given
     * @throws InvalidImageReferenceException if {@code reference} is not a valid reference
     * @throws InvalidImageNameException {@code FOREIGN} when it is not under this registry's URI
     * @throws dev.hoist.push.RegistryException {@code NOT_FOUND} when there is no such manifest or platform (the
     *         message lists the platforms there are)
     * @throws dev.hoist.push.PushException for every other failure, typed by cause
     */
    public ManifestSummary digest(String reference, Optional<dev.hoist.push.Platform> platform) {
        return read(reference, reader -> reader.digest(readReference(reference), platform));
    }

    /**
     * The exact bytes of the manifest or index under {@code reference} ({@code hoist inspect --raw}), verified
     * against its digest; with a platform, of the index's child for it.
     *
     * @throws InvalidImageReferenceException if {@code reference} is not a valid reference
     * @throws InvalidImageNameException {@code FOREIGN} when it is not under this registry's URI
     * @throws dev.hoist.push.PushException typed, as {@link #digest}
     */
    public dev.hoist.distribution.RawManifest manifest(String reference,
                                                      Optional<dev.hoist.push.Platform> platform) {
        return read(reference, reader -> reader.manifest(readReference(reference), platform));
    }

    /**
     * What {@code hoist inspect} prints: the manifest's digest, media type and size; an index's platforms; an image
     * manifest's layers and config digest.
     *
     * @throws InvalidImageReferenceException if {@code reference} is not a valid reference
     * @throws InvalidImageNameException {@code FOREIGN} when it is not under this registry's URI
     * @throws dev.hoist.push.PushException typed, as {@link #digest}
     */
    public ImageDescription inspect(String reference, Optional<dev.hoist.push.Platform> platform) {
        return read(reference, reader -> reader.inspect(readReference(reference), platform));
    }

    /**
     * The exact bytes of the image config ({@code hoist inspect --config}), verified against its digest.
     *
     * @throws dev.hoist.push.ImageSourceException when {@code reference} is an index and no platform is given
     * @throws dev.hoist.push.PushException typed, as {@link #digest}
     */
    public byte[] config(String reference, Optional<dev.hoist.push.Platform> platform) {
        return read(reference, reader -> reader.config(readReference(reference), platform));
    }

    /**
     * Every tag of a repository, in the registry's order, across every page of its listing (each {@code Link}
     * followed as the registry wrote it).
     *
     * @param repository a repository under this registry's URI, such as {@code localhost:5000/app}, without tag
     *        or digest
     * @throws InvalidImageNameException {@code INVALID} when it names a tag or digest, {@code FOREIGN} when it is not
     *         under this registry's URI
     * @throws dev.hoist.push.RegistryException {@code NOT_FOUND} when there is no such repository
     */
    public List<String> tags(String repository) {
        ImageReference parsed = ImageReference.parse(repository);
        if (parsed.tag().isPresent() || parsed.digest().isPresent()) {
            throw InvalidImageNameException.invalid(repository, "it names a "
                    + (parsed.digest().isPresent() ? "digest" : "tag") + "; tags lists a repository, like '"
                    + parsed.name() + "'");
        }
        return read(repository, RegistryReader::tags);
    }

    /**
     * Deletes the manifest {@code reference} names: a tag is resolved to its digest first, and the manifest is
     * deleted by digest, so <b>every tag that points at it goes with it</b> (the distribution spec deletes manifests,
     * not tags).
     *
     * @return the deleted manifest
     * @throws dev.hoist.push.RegistryException {@code NOT_FOUND} when there is no such manifest,
     *         {@code DELETE_UNSUPPORTED} when the registry does not delete
     * @throws dev.hoist.push.PushException for every other failure, typed by cause
     */
    public ManifestSummary delete(String reference) {
        return read(reference, reader -> reader.delete(readReference(reference)));
    }

    /**
     * This registry as the source of a copy, for {@code reference} (a tag or a digest); the caller closes it.
     *
     * @throws InvalidImageNameException {@code FOREIGN} when it is not under this registry's URI
     */
    public dev.hoist.transport.copy.CopySource copySource(String reference) {
        ImageReference parsed = owned(reference);
        CredentialResolution found = credentials.resolve(host());
        LOG.info("Reading {} from {} with {}", reference, describe(), found.describe());
        return ExplainedEnds.source(transports.registryApi().copySource(new RegistryTarget(host(),
                parsed.repository(), readReference(reference), connection.caFile(), connection.insecure()),
                found.credentials()), refused -> refused.withCredentials(found.describe(), credentialsSetting()));
    }

    /**
     * This registry as the destination of a copy, for {@code reference} (with a tag): the ownership check and the
     * flavor's hook run as for a push. The caller closes it.
     *
     * @param source the copy's source as written, for messages
     * @throws InvalidImageNameException as {@link #push(ImageSource, String)}
     */
    public dev.hoist.transport.copy.CopyDestination copyDestination(String reference, String source) {
        ImageReference parsed = ImageReference.parse(reference);
        PushHook.Target checked = target(parsed, reference);
        CredentialResolution found = credentials.resolve(host());
        LOG.info("Copying {} to {} in {} with {}", source, reference, describe(), found.describe());
        return ExplainedEnds.destination(transports.registryApi().copyDestination(new RegistryTarget(host(),
                checked.repository(), checked.tag(), connection.caFile(), connection.insecure()),
                found.credentials(), source), refused -> refused.withCredentials(found.describe(),
                credentialsSetting()));
    }

    /** The tag or digest a read uses: the reference's digest, else its tag, else {@code latest}. */
    private static String readReference(String reference) {
        ImageReference parsed = ImageReference.parse(reference);
        return parsed.digest().orElse(parsed.tag().orElse(DEFAULT_TAG));
    }

    private ImageReference owned(String reference) {
        ImageReference parsed = ImageReference.parse(reference);
        if (!parsed.belongsTo(uri)) {
            throw InvalidImageNameException.foreign(reference, name, uri);
        }
        return parsed;
    }

    private <T> T read(String reference, java.util.function.Function<RegistryReader, T> action) {
        ImageReference parsed = owned(reference);
        CredentialResolution found = credentials.resolve(host());
        try {
            return transports.registryApi().reading(new dev.hoist.distribution.RegistryHost(host(),
                    connection.caFile(), connection.insecure()), found.credentials(), reference,
                    http -> action.apply(new RegistryReader(http, parsed.repository(), reference)));
        } catch (RegistryAuthenticationException refused) {
            throw refused.withCredentials(found.describe(), credentialsSetting());
        }
    }

    /**
     * Runs the checks a push of {@code image} starts with, and nothing else: parse, ownership, the flavor's push
     * hook. {@code hoist auth --image} runs them before it checks the credentials.
     *
     * @param image the reference a push would go to
     * @throws InvalidImageReferenceException if {@code image} is not a valid reference
     * @throws InvalidImageNameException as {@link #push(ImageSource, String)} before any byte moves
     */
    public void checkPush(String image) {
        target(ImageReference.parse(image), image);
    }

    /**
     * The first steps of every push: parse, ownership, the flavor's hook.
     *
     * @return the push as the hook saw it
     */
    PushHook.Target target(ImageReference reference, String image) {
        if (reference.digest().isPresent()) {
            throw InvalidImageNameException.invalid(image, "it names a digest; a push needs a tag, like '"
                    + reference.name() + ":" + reference.tag().orElse(DEFAULT_TAG) + "'");
        }
        if (!reference.belongsTo(uri)) {
            throw InvalidImageNameException.foreign(image, name, uri);
        }
        List<String> repository = List.of(reference.repository().split("/"));
        int uriDepth = RegistryUri.parse(uri).path().size();
        List<String> below = repository.subList(Math.min(uriDepth, repository.size()), repository.size());
        PushHook.Target target = new PushHook.Target(name, uri, image, reference.repository(),
                reference.tag().orElse(DEFAULT_TAG), below);
        try {
            hook.ifPresent(h -> h.beforePush(target));
        } catch (HoistException.ImageRefused refused) {
            throw InvalidImageNameException.invalid(refused.image(), refused.reason());
        }
        return target;
    }

    /**
     * Releases what the flavor's push hook holds, when the hook is {@link AutoCloseable} (an API
     * client, say). {@code HoistLifecycle} calls it for every registry it built.
     *
     * @throws Exception what the hook's {@code close()} throws
     */
    @Override
    public void close() throws Exception {
        if (hook.isPresent() && hook.get() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "ContainerRegistry[name=" + name + ", flavor=" + flavor + ", uri=" + uri
                + (isImplicit() ? ", implicit" : "") + "]";
    }
}
