package dev.hoist.discovery;

import dev.hoist.plugin.Plugin;
import dev.hoist.plugin.PluginDirectory;
import dev.hoist.spi.Flavor;
import dev.hoist.plugin.SpiVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flavors of one contract that the class path and the plugins provide, by name.
 *
 * <p>Discovery is strict but not brittle. A provider that cannot be loaded, a plugin with no
 * flavor, a flavor built against an incompatible SPI, and two providers of one name are each
 * recorded as a {@linkplain #problems() problem} naming the classes and jars; the other
 * flavors stay usable. A duplicated name is usable by neither provider: asking for it fails
 * with the duplicate's message, so a duplicate never silently wins.
 *
 * @param <F> the flavor contract, for example {@link dev.hoist.spi.ContainerRegistryFlavor}
 */
public final class FlavorCatalog<F extends Flavor> {

    private static final Pattern FLAVOR_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PROVIDER_IN_ERROR = Pattern.compile("Provider ([\\w.$]+)");

    private final Class<F> contract;
    private final Map<String, DiscoveredFlavor<F>> byName;
    private final Map<String, String> duplicates;
    private final Map<String, String> unusable;
    private final List<String> problems;

    private FlavorCatalog(Class<F> contract, Map<String, DiscoveredFlavor<F>> byName, Map<String, String> duplicates,
                          Map<String, String> unusable, List<String> problems) {
        this.contract = contract;
        this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
        this.duplicates = Map.copyOf(duplicates);
        this.unusable = Map.copyOf(unusable);
        this.problems = List.copyOf(problems);
    }

    /**
     * This catalog without the flavors that failed after discovery, such as a flavor whose Guice
     * module could not be set up: each becomes unusable, with its one-line reason, which is also
     * added to the {@linkplain #problems() problems}. The other flavors stay usable.
     *
     * @param failed the reason of each failed flavor, by name
     * @return a catalog without them
     */
    public FlavorCatalog<F> without(Map<String, String> failed) {
        if (failed.isEmpty()) {
            return this;
        }
        Map<String, DiscoveredFlavor<F>> usable = new TreeMap<>(byName);
        usable.keySet().removeAll(failed.keySet());
        Map<String, String> refused = new LinkedHashMap<>(unusable);
        refused.putAll(failed);
        List<String> all = new ArrayList<>(problems);
        all.addAll(failed.values());
        return new FlavorCatalog<>(contract, usable, duplicates, refused, all);
    }

    /** Finds every provider of {@code contract} that {@code loader} sees. */
    public static <F extends Flavor> FlavorCatalog<F> discover(Class<F> contract, ClassLoader loader) {
        return discover(contract, loader, PluginDirectory.none());
    }

    /**
     * Finds the providers of {@code contract} on the class path and in each plugin. A plugin's
     * flavors are found, built and called with the thread's context class loader set to the
     * plugin's own.
     */
    public static <F extends Flavor> FlavorCatalog<F> discover(Class<F> contract, ClassLoader classPath, PluginDirectory plugins) {
        Discovery<F> discovery = new Discovery<>(contract);
        discovery.scan(classPath, null);
        discovery.problems.addAll(plugins.problems());
        for (Plugin plugin : plugins.plugins()) {
            // A plugin may carry only another component type's flavors: that is no problem of this type's.
            withContextLoader(plugin.loader(), () -> {
                discovery.scan(plugin.loader(), plugin);
                return null;
            });
        }
        return discovery.finish();
    }

    /** Builds a catalog from flavors in hand, for hosts and tests that do not use the class path. */
    @SafeVarargs
    public static <F extends Flavor> FlavorCatalog<F> of(Class<F> contract, F... flavors) {
        Discovery<F> discovery = new Discovery<>(contract);
        for (F flavor : flavors) {
            discovery.add(flavor, flavor.name(), FlavorOrigin.of(flavor.getClass(), flavor.name()), null);
        }
        return discovery.finish();
    }

    /** Collects providers, problems and duplicates; one per catalog being built. */
    private static final class Discovery<F extends Flavor> {
        private final Class<F> contract;
        private final SpiVersion spi = SpiVersion.current();
        private final Map<String, List<DiscoveredFlavor<F>>> found = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        /** Flavors refused for their SPI version whose name could be read, with the reason: config that names one is told why. */
        private final Map<String, String> refused = new LinkedHashMap<>();
        private int accepted;

        Discovery(Class<F> contract) {
            this.contract = contract;
        }

        void scan(ClassLoader loader, Plugin plugin) {
            Iterator<ServiceLoader.Provider<F>> providers = ServiceLoader.load(contract, loader).stream().iterator();
            while (true) {
                F flavor;
                ServiceLoader.Provider<F> provider = null;
                try {
                    if (!providers.hasNext()) {
                        return;
                    }
                    provider = providers.next();
                    // Check the SPI version before constructing: a flavor built for another SPI may not even construct.
                    Optional<String> incompatible = spiMismatch(provider.type(), FlavorOrigin.locationOf(provider.type()));
                    if (incompatible.isPresent()) {
                        problems.add(incompatible.get());
                        nameOfRefused(provider).ifPresent(name -> refused.putIfAbsent(name, incompatible.get()));
                        continue;
                    }
                    flavor = provider.get();
                } catch (ServiceConfigurationError broken) {
                    problems.add(describeBroken(contract, loader, broken));
                    continue;
                } catch (Throwable failed) {
                    if (FlavorGuard.isFatal(failed)) {
                        throw (VirtualMachineError) failed;
                    }
                    // A provider whose constructor or static initialiser throws, NoClassDefFoundError included.
                    problems.add((provider == null ? "A " + contract.getSimpleName() + " provider"
                            : "Flavor class " + provider.type().getName() + " from " + FlavorOrigin.locationOf(provider.type()))
                            + " could not be constructed: " + FlavorGuard.oneLine(failed) + ". Fix or remove that jar.");
                    continue;
                }
                String name;
                try {
                    name = flavor.name();
                } catch (Throwable failed) {
                    if (FlavorGuard.isFatal(failed)) {
                        throw (VirtualMachineError) failed;
                    }
                    problems.add("Flavor class " + flavor.getClass().getName() + " from "
                            + FlavorOrigin.locationOf(flavor.getClass()) + " threw from name(): " + FlavorGuard.oneLine(failed)
                            + ". Fix or remove that jar.");
                    continue;
                }
                add(flavor, name, FlavorOrigin.of(flavor.getClass(), name), plugin);
            }
        }

        /**
         * The name of a flavor refused for its SPI version, for messages only: built and asked, and
         * empty when that fails (a flavor built for another SPI may not even construct). It is never used.
         */
        private static Optional<String> nameOfRefused(ServiceLoader.Provider<?> provider) {
            try {
                Object flavor = provider.get();
                String name = flavor instanceof Flavor named ? named.name() : null;
                return name != null && FLAVOR_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
            } catch (Throwable unreadable) {
                if (FlavorGuard.isFatal(unreadable)) {
                    throw (VirtualMachineError) unreadable;
                }
                return Optional.empty();
            }
        }

        void add(F flavor, String name, FlavorOrigin origin, Plugin plugin) {
            if (name == null || !FLAVOR_NAME.matcher(name).matches()) {
                problems.add("Flavor class " + flavor.getClass().getName() + " from " + origin.describe()
                        + " has name '" + name + "'; a flavor name is lower-case kebab-case, like 'default'.");
                return;
            }
            F usable = FlavorGuard.guard(contract, flavor, name);
            found.computeIfAbsent(name, n -> new ArrayList<>()).add(new DiscoveredFlavor<>(usable, origin, flavor.getClass()));
            accepted++;
        }

        private Optional<String> spiMismatch(Class<?> type, String codeSource) {
            Path location = Path.of(codeSource);
            if (!Files.isRegularFile(location)) {
                return Optional.empty(); // A class directory, as in tests and IDEs: nothing recorded.
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                Optional<String> recorded = SpiVersion.recordedIn(jar.getManifest());
                if (recorded.isEmpty()) {
                    return Optional.empty();
                }
                SpiVersion builtAgainst;
                try {
                    builtAgainst = SpiVersion.parse(recorded.get());
                } catch (IllegalArgumentException malformed) {
                    return Optional.of("Flavor jar " + location + " records " + SpiVersion.MANIFEST_ATTRIBUTE + ": '"
                            + recorded.get() + "', which is not a version like 1.0. Rebuild it against hoist-core.");
                }
                if (builtAgainst.major() == 1 && spi.major() == 2) {
                    return Optional.of("Flavor class " + type.getName() + " in " + location + " was built against Hoist SPI "
                            + builtAgainst + "; this Hoist provides SPI " + spi + ". SPI 2 changed how flavors are written:"
                            + " core owns the registry (no more subclasses of ContainerRegistry; rules go in"
                            + " ContainerRegistryFlavor.pushHook), credentialSources receives the registry host, and"
                            + " HoistException, Secret, RegistryCredentials and CredentialSource moved to dev.hoist.spi,"
                            + " the name rules to dev.hoist.api. Port it as docs/writing-a-flavor.md (\"Porting from SPI 1\")"
                            + " describes, then rebuild it.");
                }
                if (builtAgainst.major() == spi.major() && builtAgainst.minor() > spi.minor()) {
                    return Optional.of("Flavor class " + type.getName() + " in " + location + " was built against Hoist SPI "
                            + builtAgainst + ", but this Hoist provides SPI " + spi + ", which cannot run it. Use a Hoist"
                            + " release that provides SPI " + builtAgainst + " or newer (hoist --version shows it), or"
                            + " rebuild the flavor against this Hoist's hoist-core, which provides SPI " + spi + ".");
                }
                if (!spi.runs(builtAgainst)) {
                    return Optional.of("Flavor class " + type.getName() + " in " + location + " was built against Hoist SPI "
                            + builtAgainst + ", but this Hoist provides SPI " + spi + ". Rebuild the flavor against hoist-core "
                            + "with SPI " + spi.major() + ".x, or use a Hoist release whose SPI runs it.");
                }
                return Optional.empty();
            } catch (IOException unreadable) {
                return Optional.of("Cannot read the manifest of flavor jar " + location + ": " + unreadable.getMessage());
            }
        }

        FlavorCatalog<F> finish() {
            Map<String, DiscoveredFlavor<F>> unique = new LinkedHashMap<>();
            Map<String, String> duplicates = new LinkedHashMap<>();
            for (Map.Entry<String, List<DiscoveredFlavor<F>>> entry : found.entrySet()) {
                List<DiscoveredFlavor<F>> providers = entry.getValue();
                if (providers.size() == 1) {
                    unique.put(entry.getKey(), providers.get(0));
                    continue;
                }
                StringBuilder message = new StringBuilder("Flavor '" + entry.getKey() + "' is provided " + providers.size()
                        + " times: ");
                for (int i = 0; i < providers.size(); i++) {
                    DiscoveredFlavor<F> provider = providers.get(i);
                    message.append(i == 0 ? "by " : i == providers.size() - 1 ? ", and by " : ", by ")
                            .append(provider.implementation().getName()).append(" from ").append(provider.origin().describe());
                }
                message.append(". Neither is used; remove all but one of these jars.");
                duplicates.put(entry.getKey(), message.toString());
                problems.add(message.toString());
            }
            Map<String, String> unusable = new LinkedHashMap<>(refused);
            unusable.putAll(duplicates);
            return new FlavorCatalog<>(contract, unique, duplicates, unusable, problems);
        }
    }

    /** Wraps a plugin's flavor so that every call runs with the plugin's loader as context loader. */
    private interface Call<T> {
        T run() throws Throwable;
    }

    private static <T> T withContextLoader(ClassLoader loader, Call<T> call) throws RuntimeException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.run();
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable checked) {
            throw new IllegalStateException(checked);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String describeBroken(Class<?> contract, ClassLoader loader, ServiceConfigurationError broken) {
        String message = broken.getMessage();
        Matcher provider = PROVIDER_IN_ERROR.matcher(message == null ? "" : message);
        String jar = provider.find() ? listingJar(contract, loader, provider.group(1)) : null;
        Throwable cause = broken.getCause();
        Throwable root = cause;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "A " + contract.getSimpleName() + " provider could not be loaded"
                + (jar == null ? "" : " from " + jar) + ": " + message
                + (cause == null ? "" : " (" + FlavorGuard.oneLine(cause)
                        + (root != cause ? "; " + FlavorGuard.oneLine(root) : "") + ")")
                + ". Fix or remove that jar; it needs a public no-argument constructor and the classes it uses.";
    }

    /** The service descriptor that lists a provider class, which tells the jar it came from. */
    private static String listingJar(Class<?> contract, ClassLoader loader, String providerClass) {
        String descriptor = "META-INF/services/" + contract.getName();
        try {
            for (URL url : Collections.list(loader.getResources(descriptor))) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    if (in.lines().map(line -> line.replaceFirst("#.*", "").strip()).anyMatch(providerClass::equals)) {
                        String text = url.toString();
                        int bang = text.indexOf("!/");
                        return bang < 0 ? text : text.substring(0, bang).replaceFirst("^jar:(file:)?", "");
                    }
                }
            }
        } catch (IOException unreadable) {
            return null;
        }
        return null;
    }

    /** The contract these flavors implement. */
    public Class<F> contract() {
        return contract;
    }

    /** The usable flavor with this name, if any. */
    public Optional<DiscoveredFlavor<F>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The flavor with this name.
     *
     * @throws FlavorDiscoveryException if several jars provide the name
     * @throws UnknownFlavorException listing the available names and how to add the flavor
     */
    public DiscoveredFlavor<F> require(String name) {
        return require(name, dev.hoist.config.HoistConfig.ROOT);
    }

    /**
     * The flavor with this name; a missing one's message names {@code <root>.plugins.directory}, and
     * Hoist's own artifact only when the name is a built-in flavor's.
     *
     * @param root the config root of Hoist's settings, such as {@code hoist} or {@code mystack.components}
     * @throws FlavorDiscoveryException if several jars provide the name, or the flavor failed after discovery
     * @throws UnknownFlavorException listing the available names and how to add the flavor
     */
    public DiscoveredFlavor<F> require(String name, String root) {
        DiscoveredFlavor<F> flavor = byName.get(name);
        if (flavor != null) {
            return flavor;
        }
        String refused = unusable.get(name);
        if (refused != null) {
            throw new FlavorDiscoveryException(contract.getSimpleName(), List.of(refused));
        }
        java.util.Optional<String> builtIn = contract == dev.hoist.spi.ContainerRegistryFlavor.class
                ? FlavorInstallHint.builtInRegistryArtifact(name) : java.util.Optional.empty();
        throw new UnknownFlavorException(name, typeId(), names(), problems, root, builtIn);
    }

    /** The names that several jars provide, each with the message that names them all. */
    public Map<String, String> duplicates() {
        return duplicates;
    }

    /**
     * The names that are provided but cannot be used, each with its one-line reason: the
     * {@linkplain #duplicates() duplicates}, flavors refused for their SPI version (when their name
     * could be read), and the flavors removed {@linkplain #without(Map) after discovery}.
     */
    public Map<String, String> unusable() {
        return unusable;
    }

    /** Every usable flavor, sorted by name. */
    public Collection<DiscoveredFlavor<F>> all() {
        return byName.values();
    }

    /** The usable flavor names, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** What discovery could not use, one sentence each, naming the jar and what to do. */
    public List<String> problems() {
        return problems;
    }

    /** The component type's id for messages, from a flavor, else from the contract's name: ContainerRegistryFlavor is container-registry. */
    private String typeId() {
        if (!byName.isEmpty()) {
            return byName.values().iterator().next().flavor().type().id();
        }
        String simple = contract.getSimpleName().replaceFirst("Flavor$", "");
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
