package dev.hoist.discovery;

import dev.hoist.spi.Flavor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flavors of one contract that a class loader provides, by name.
 *
 * <p>Discovery is strict: two providers of one name, or a provider that cannot be loaded,
 * fail discovery with a message that names the classes and the jars. A duplicate never
 * silently wins.
 *
 * @param <F> the flavor contract, for example {@link dev.hoist.spi.ContainerRegistryFlavor}
 */
public final class FlavorCatalog<F extends Flavor> {

    private static final Pattern FLAVOR_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PROVIDER_IN_ERROR = Pattern.compile("Provider ([\\w.$]+)");

    private final Class<F> contract;
    private final Map<String, DiscoveredFlavor<F>> byName;

    private FlavorCatalog(Class<F> contract, Map<String, DiscoveredFlavor<F>> byName) {
        this.contract = contract;
        this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    /**
     * Finds every provider of {@code contract} that {@code loader} sees.
     *
     * @throws FlavorDiscoveryException listing every duplicate name and broken provider
     */
    public static <F extends Flavor> FlavorCatalog<F> discover(Class<F> contract, ClassLoader loader) {
        Map<String, DiscoveredFlavor<F>> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Iterator<F> providers = ServiceLoader.load(contract, loader).iterator();
        while (true) {
            F flavor;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                flavor = providers.next();
            } catch (ServiceConfigurationError broken) {
                problems.add(describeBroken(contract, loader, broken));
                continue;
            }
            String name;
            try {
                name = flavor.name();
            } catch (RuntimeException failed) {
                problems.add("Flavor class " + flavor.getClass().getName() + " from " + FlavorOrigin.locationOf(flavor.getClass())
                        + " threw from name(): " + failed);
                continue;
            }
            FlavorOrigin origin = FlavorOrigin.of(flavor.getClass(), name);
            if (name == null || !FLAVOR_NAME.matcher(name).matches()) {
                problems.add("Flavor class " + flavor.getClass().getName() + " from " + origin.describe()
                        + " has name '" + name + "'; a flavor name is lower-case kebab-case, like 'default'.");
                continue;
            }
            DiscoveredFlavor<F> earlier = found.putIfAbsent(name, new DiscoveredFlavor<>(flavor, origin));
            if (earlier != null) {
                problems.add("Flavor '" + name + "' is provided twice: by " + earlier.flavor().getClass().getName()
                        + " from " + earlier.origin().describe() + ", and by " + flavor.getClass().getName()
                        + " from " + origin.describe() + ". Remove one of the two jars.");
            }
        }
        if (!problems.isEmpty()) {
            throw new FlavorDiscoveryException(contract.getSimpleName(), problems);
        }
        return new FlavorCatalog<>(contract, found);
    }

    /** Builds a catalog from flavors in hand, for hosts and tests that do not use the class path. */
    @SafeVarargs
    public static <F extends Flavor> FlavorCatalog<F> of(Class<F> contract, F... flavors) {
        Map<String, DiscoveredFlavor<F>> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (F flavor : flavors) {
            DiscoveredFlavor<F> entry = new DiscoveredFlavor<>(flavor, FlavorOrigin.of(flavor.getClass(), flavor.name()));
            DiscoveredFlavor<F> earlier = found.putIfAbsent(flavor.name(), entry);
            if (earlier != null) {
                problems.add("Flavor '" + flavor.name() + "' is given twice: " + earlier.flavor().getClass().getName()
                        + " and " + flavor.getClass().getName() + ".");
            }
        }
        if (!problems.isEmpty()) {
            throw new FlavorDiscoveryException(contract.getSimpleName(), problems);
        }
        return new FlavorCatalog<>(contract, found);
    }

    private static String describeBroken(Class<?> contract, ClassLoader loader, ServiceConfigurationError broken) {
        String message = broken.getMessage();
        Matcher provider = PROVIDER_IN_ERROR.matcher(message == null ? "" : message);
        String jar = provider.find() ? listingJar(contract, loader, provider.group(1)) : null;
        Throwable cause = broken.getCause();
        return "A " + contract.getSimpleName() + " provider could not be loaded"
                + (jar == null ? "" : " from " + jar) + ": " + message
                + (cause == null ? "" : " (" + cause + ")")
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

    /** The flavor with this name, if any. */
    public Optional<DiscoveredFlavor<F>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The flavor with this name.
     *
     * @throws UnknownFlavorException listing the available names and the artifact to add
     */
    public DiscoveredFlavor<F> require(String name) {
        DiscoveredFlavor<F> flavor = byName.get(name);
        if (flavor == null) {
            throw new UnknownFlavorException(name, typeId(), names());
        }
        return flavor;
    }

    /** Every flavor, sorted by name. */
    public Collection<DiscoveredFlavor<F>> all() {
        return byName.values();
    }

    /** The flavor names, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private String typeId() {
        return byName.values().stream().findFirst().map(f -> f.flavor().type().id())
                .orElse(contract.getSimpleName());
    }
}
