package dev.hoist.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.StackComponentType;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every container registry flavor passes. Extend it in the flavor's own tests, with
 * only core, the kit and the flavor on the test class path. The host is lower-cased, but a path
 * with upper case is refused (its hint is the lower-case URI), as every flavor's rules do:
 *
 * <pre>{@code
 * class AcmeFlavorContractTest extends FlavorContractTest {
 *     AcmeFlavorContractTest() {
 *         super("acme", AcmeFlavor.class, UriRuleTable.create()
 *                 .valid("Registry.Acme.Example/team/", "registry.acme.example/team")
 *                 .refused("acme.example/team", "registry.acme.example/team", "Acme's website"));
 *     }
 * }
 * }</pre>
 */
public abstract class FlavorContractTest {

    private final String name;
    private final Class<? extends ContainerRegistryFlavor> implementation;
    private final UriRuleTable rules;

    /**
     * @param name the name the flavor must be discovered under
     * @param implementation the flavor's class
     * @param rules at least one valid URI, and the refused URIs worth pinning
     */
    protected FlavorContractTest(String name, Class<? extends ContainerRegistryFlavor> implementation, UriRuleTable rules) {
        this.name = name;
        this.implementation = implementation;
        this.rules = rules;
    }

    /** {@return the flavor as discovery hands it out (a guarded proxy)} */
    protected final ContainerRegistryFlavor discovered() {
        return catalog().require(name).flavor();
    }

    private FlavorCatalog<ContainerRegistryFlavor> catalog() {
        return FlavorCatalog.discover(ContainerRegistryFlavor.class, implementation.getClassLoader());
    }

    @Test
    void serviceLoaderFindsExactlyThisFlavorUnderItsName() {
        FlavorCatalog<ContainerRegistryFlavor> catalog = catalog();
        assertThat(catalog.problems()).as("discovery problems").isEmpty();
        assertThat(catalog.names()).as("flavors on the test class path").containsExactly(name);
        DiscoveredFlavor<ContainerRegistryFlavor> found = catalog.require(name);
        assertThat(found.implementation()).isEqualTo(implementation);
        assertThat(found.flavor().type()).isEqualTo(StackComponentType.CONTAINER_REGISTRY);
    }

    @Test
    void referenceConfDeclaresItsSection() {
        assertThat(ConfigFactory.defaultReference(implementation.getClassLoader())
                .hasPath("hoist.flavors." + name + ".registry-defaults"))
                .as("reference.conf declares hoist.flavors.%s.registry-defaults", name).isTrue();
    }

    @Test
    void describesItself() {
        ContainerRegistryFlavor flavor = discovered();
        assertThat(flavor.description()).as("description").isNotBlank().doesNotContain("\n");
        assertThat(flavor.docsUrl().isAbsolute()).as("docs URL is absolute").isTrue();
        assertThat(flavor.docsUrl().getScheme()).isEqualTo("https");
    }

    /**
     * Every host the flavor claims ({@code hosts()}, SPI 2.2) is a host pattern: an exact host, {@code *.suffix} or
     * {@code *-suffix}, each once.
     */
    @Test
    void claimsOnlyValidHostPatterns() {
        java.util.List<String> hosts = discovered().hosts();
        assertThat(hosts).as("hosts()").doesNotHaveDuplicates();
        for (String pattern : hosts) {
            assertThat(dev.hoist.api.HostPattern.parse(pattern).pattern()).as("host pattern").isEqualTo(
                    pattern.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void hasAtLeastOneValidUri() {
        assertThat(rules.valid()).as("valid rows").isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> validUrisRoundTrip() {
        ContainerRegistryFlavor flavor = discovered();
        return rules.valid().stream().map(row -> DynamicTest.dynamicTest(row.uri() + " -> " + row.normalized(),
                () -> UriRuleTable.assertValid(flavor, row)));
    }

    @TestFactory
    Stream<DynamicTest> refusedUrisOfferOnlyValidHints() {
        ContainerRegistryFlavor flavor = discovered();
        return rules.refused().stream().map(row -> DynamicTest.dynamicTest(row.uri() + " refused",
                () -> UriRuleTable.assertRefused(flavor, row)));
    }
}
