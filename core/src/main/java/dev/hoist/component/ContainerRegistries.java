package dev.hoist.component;

import dev.hoist.api.ImageReference;
import dev.hoist.api.RegistryUri;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.registry.ContainerRegistry;
import java.util.ArrayList;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The container registries: the configured ones (the container registry instance of {@link Components}), the
 * default registry that {@code <root>.default-registry} names, and the registry for any reference
 * ({@link #forReference}): the configured registry that owns it, else an <em>implicit registry</em> that the flavor
 * claiming its host builds. Closing it closes the implicit registries it built; {@code HoistLifecycle} does.
 */
public final class ContainerRegistries implements Components<ContainerRegistry>, AutoCloseable {

    private final Components<ContainerRegistry> registries;
    private final Optional<String> defaultName;
    private final String defaultPath;
    private final boolean implicitEnabled;
    private final String implicitSetting;
    private final ImplicitRegistries implicit;

    /**
     * The configured registries alone: a reference that none owns is refused, as with
     * {@code implicit-registries = false}.
     *
     * @param registries the registries, read by the generic component machinery
     * @param defaultName the default registry's name; empty when config sets none ({@code ""})
     * @param defaultPath the full path of the setting, such as {@code hoist.default-registry}, for messages
     */
    public ContainerRegistries(Components<ContainerRegistry> registries, Optional<String> defaultName, String defaultPath) {
        this(registries, defaultName, defaultPath, HostClaims::none, false, "hoist");
    }

    /**
     * The configured registries, and implicit registries for references that none owns.
     *
     * @param registries the registries, read by the generic component machinery
     * @param defaultName the default registry's name; empty when config sets none ({@code ""})
     * @param defaultPath the full path of the setting, such as {@code hoist.default-registry}, for messages
     * @param claims the usable registry flavors and the hosts they claim, asked on the first implicit registry
     * @param implicitRegistries {@code <root>.implicit-registries}: whether a reference no configured registry owns
     *        gets an implicit registry
     * @param root the root path of the settings, such as {@code hoist}, for messages
     */
    public ContainerRegistries(Components<ContainerRegistry> registries, Optional<String> defaultName, String defaultPath,
                               Supplier<HostClaims> claims, boolean implicitRegistries, String root) {
        this.registries = Objects.requireNonNull(registries, "registries");
        this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
        this.defaultPath = Objects.requireNonNull(defaultPath, "defaultPath");
        this.implicitEnabled = implicitRegistries;
        this.implicitSetting = Objects.requireNonNull(root, "root") + ".implicit-registries";
        this.implicit = new ImplicitRegistries(memoized(Objects.requireNonNull(claims, "claims")), registries,
                root + "." + ComponentType.CONTAINER_REGISTRY.type().section());
    }

    @Override
    public ComponentType<ContainerRegistry> type() {
        return ComponentType.CONTAINER_REGISTRY;
    }

    /**
     * The registry with this name, built on first use.
     *
     * @throws UnknownComponentException listing the configured names
     */
    @Override
    public ContainerRegistry get(String name) {
        return registries.get(name);
    }

    /**
     * The registry named by {@code <root>.default-registry}.
     *
     * @throws NoDefaultRegistryException when the setting is empty
     * @throws UnknownComponentException when it names no configured registry
     */
    public ContainerRegistry defaultRegistry() {
        return get(defaultName.orElseThrow(() -> new NoDefaultRegistryException(defaultPath, names())));
    }

    /**
     * The configured registry that owns {@code reference}: the one whose URI it is under, the most specific URI
     * (the most path segments) winning. Builds every configured registry to ask it. Implicit registries play no
     * part: {@link #forReference} adds them.
     *
     * @param reference an image reference, such as {@code registry.example.com/team/app:1}
     * @return the owning registry
     * @throws dev.hoist.api.InvalidImageReferenceException if {@code reference} is not a valid reference
     * @throws InvalidImageNameException {@code FOREIGN} when no registry owns it (naming those configured),
     *         {@code INVALID} when two own it equally (naming both)
     */
    public ContainerRegistry owning(String reference) {
        return configuredOwner(ImageReference.parse(reference), reference)
                .orElseThrow(() -> InvalidImageNameException.unowned(reference, configured()));
    }

    /**
     * The registry for a reference, by Hoist's one rule, for a push, a copy's destination or a delete:
     * <ol>
     *   <li>the configured registry that owns it (the most specific URI; two equally specific owners are an error
     *       naming both);</li>
     *   <li>else, when {@code <root>.implicit-registries} is on (the default), an implicit registry built by the
     *       flavor that claims the reference's host ({@link dev.hoist.spi.ContainerRegistryFlavor#hosts()}), with
     *       that flavor's {@code registry-defaults} and a URI of the host plus what its URI rules need (the GitHub
     *       owner, the Docker Hub namespace...);</li>
     *   <li>else an implicit registry of the {@code default} flavor for the host.</li>
     * </ol>
     * An implicit registry uses the credential chain of its host only: its flavor's own sources, then docker's config
     * files and helpers. It is built once per flavor and URI, and closed with the rest.
     *
     * @param reference an image reference, such as {@code ghcr.io/acme/app:1.0}
     * @return the registry that serves it
     * @throws dev.hoist.api.InvalidImageReferenceException if {@code reference} is not a valid reference
     * @throws InvalidImageNameException {@code INVALID} when two configured registries own it equally, or when the
     *         flavor that claims its host refuses it (with that flavor's reason); {@code FOREIGN} when no configured
     *         registry owns it and implicit registries are off, naming the configured registries
     * @throws ContestedHostException when no configured registry owns it and two flavors claim its host, naming both
     *         flavors and their jars
     * @throws dev.hoist.config.HoistConfigException when the claiming flavor's defaults do not make a valid registry
     */
    public ContainerRegistry forReference(String reference) {
        return choose(reference, false);
    }

    /**
     * The registry for a reference that is only read ({@code digest}, {@code inspect}, {@code tags}, a copy's
     * source): {@link #forReference}'s rule, except that when the flavor that claims the host refuses the
     * reference (Docker Hub's URI rules refuse {@code docker.io/library}, where only Docker publishes), the
     * {@code default} flavor serves it, with the same credentials for that host.
     *
     * @param reference an image reference, such as {@code ubuntu:24.04}
     * @return the registry that serves it
     * @throws dev.hoist.api.InvalidImageReferenceException if {@code reference} is not a valid reference
     * @throws InvalidImageNameException as {@link #forReference}
     * @throws ContestedHostException as {@link #forReference}
     */
    public ContainerRegistry forReading(String reference) {
        return choose(reference, true);
    }

    /** {@return whether references no configured registry owns get an implicit registry ({@code <root>.implicit-registries})} */
    public boolean implicitRegistries() {
        return implicitEnabled;
    }

    /** {@return the usable registry flavors and the hosts each claims} */
    public HostClaims hostClaims() {
        return implicit.claims();
    }

    private ContainerRegistry choose(String reference, boolean reading) {
        ImageReference parsed = ImageReference.parse(reference);
        Optional<ContainerRegistry> owner = configuredOwner(parsed, reference);
        if (owner.isPresent()) {
            return owner.get();
        }
        if (!implicitEnabled) {
            throw InvalidImageNameException.unowned(reference, configured(), implicitSetting + " is false");
        }
        return implicit.registryFor(parsed, reference, reading)
                .orElseThrow(() -> InvalidImageNameException.unowned(reference, configured(), "no flavor claims host '"
                        + parsed.registry() + "', and there is no '" + ImplicitRegistries.DEFAULT_FLAVOR + "' flavor"));
    }

    private List<String> configured() {
        List<String> configured = new ArrayList<>();
        for (String name : names()) {
            configured.add(name + " (" + get(name).uri() + ")");
        }
        return configured;
    }

    private Optional<ContainerRegistry> configuredOwner(ImageReference parsed, String reference) {
        List<ContainerRegistry> best = new ArrayList<>();
        int depth = -1;
        for (String name : names()) {
            ContainerRegistry registry = get(name);
            if (!parsed.belongsTo(registry.uri())) {
                continue;
            }
            int own = RegistryUri.parse(registry.uri()).path().size();
            if (own > depth) {
                best.clear();
                depth = own;
            }
            if (own == depth) {
                best.add(registry);
            }
        }
        if (best.size() > 1) {
            throw InvalidImageNameException.ambiguous(reference, best.stream()
                    .map(r -> "'" + r.name() + "' (" + r.uri() + ")").toList());
        }
        return best.stream().findFirst();
    }

    /** Closes the implicit registries built; the configured ones belong to the component machinery. */
    @Override
    public void close() {
        implicit.close();
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** The name of the default registry, if config sets one. */
    public Optional<String> defaultName() {
        return defaultName;
    }

    @Override
    public List<String> names() {
        return registries.names();
    }

    @Override
    public ContainerRegistry create(String name, String flavor, Map<String, ?> settings) {
        return registries.create(name, flavor, settings);
    }
}
