package dev.hoist.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.component.ContestedHostException;
import dev.hoist.push.ErrorKind;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.testing.JavaJars;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: a flavor in a plugins directory claims hosts through {@code ContainerRegistryFlavor.hosts()} (SPI 2.2)
 * and is used for them with no registry in config; two plugins claiming one host fail naming both flavors and jars;
 * a plugin built for SPI 2.1 (no {@code hosts()}) still loads and claims nothing.
 */
class PluginHostClaimTest {

    private static final ClassLoader CORE = PluginHostClaimTest.class.getClassLoader();

    @TempDir
    Path plugins;

    /** A plugin flavor {@code name} in package {@code pkg} claiming {@code hosts} (Java string literals). */
    private Path claimingJar(String pkg, String name, String hosts) throws Exception {
        String source = """
                package %1$s;

                import dev.hoist.spi.*;

                public class Flavor implements ContainerRegistryFlavor {
                    public String name() { return "%2$s"; }
                    public String description() { return "A plugin flavor that claims hosts"; }
                    public java.net.URI docsUrl() { return java.net.URI.create("https://example.invalid/%2$s"); }
                    public String normalizeUri(String uri) {
                        dev.hoist.api.RegistryUri parsed = dev.hoist.api.RegistryUri.parse(uri);
                        if (parsed.path().isEmpty()) {
                            throw new InvalidRegistryUriException(uri, "Registry URI '" + uri + "' names no team.", null);
                        }
                        if (Thread.currentThread().getContextClassLoader() != getClass().getClassLoader()) {
                            throw new IllegalStateException("normalizeUri ran without the plugin's context loader");
                        }
                        return parsed.normalized();
                    }
                    public java.util.List<String> hosts() { return java.util.List.of(%3$s); }
                }
                """.formatted(pkg, name, hosts);
        return new JavaJars().source(pkg + ".Flavor", source).flavors(pkg + ".Flavor")
                .spiVersion(SpiVersion.current().toString()).writeTo(plugins.resolve(name + ".jar"));
    }

    private Hoist hoist() {
        return Hoist.builder().config(ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n"
                + "hoist.registries.local = null\nhoist.default-registry = \"\"")).classLoader(CORE).build();
    }

    @Test
    void aPluginFlavorClaimingAHostServesItsReferencesWithoutConfig() throws Exception {
        claimingJar("com.acme", "acme", "\"registry.acme.example\"");
        try (Hoist hoist = hoist()) {
            ContainerRegistry registry = hoist.registryFor("REGISTRY.acme.example/team/app:1");
            assertThat(registry.flavor()).isEqualTo("acme");
            assertThat(registry.isImplicit()).isTrue();
            // The flavor's own URI rules decided the URI: it needs a team.
            assertThat(registry.uri()).isEqualTo("registry.acme.example/team");
            assertThat(hoist.registries().hostClaims().problems()).isEmpty();
            assertThatThrownBy(() -> hoist.registryFor("registry.acme.example/app:1"))
                    .hasMessageContaining("flavor 'acme', which claims its host as 'registry.acme.example', accepts no"
                            + " registry URI it could be under. Registry URI 'registry.acme.example' names no team.");
        }
    }

    @Test
    void twoPluginsClaimingOneHostFailNamingBothFlavorsAndTheirJars() throws Exception {
        Path acme = claimingJar("com.acme", "acme", "\"registry.acme.example\"");
        Path rival = claimingJar("com.rival", "rival", "\"*.acme.example\", \"registry.rival.example\"");
        try (Hoist hoist = hoist()) {
            assertThatThrownBy(() -> hoist.registryFor("registry.acme.example/team/app:1"))
                    .isInstanceOf(ContestedHostException.class)
                    .satisfies(e -> assertThat(((ContestedHostException) e).kind()).isEqualTo(ErrorKind.CONFIGURATION))
                    .hasMessageContaining("Host 'registry.acme.example' of 'registry.acme.example/team/app:1' is claimed"
                            + " by 2 flavors: ")
                    .hasMessageContaining("'acme' (pattern 'registry.acme.example', com.acme.Flavor from " + acme + ")")
                    .hasMessageContaining("'rival' (pattern '*.acme.example', com.rival.Flavor from " + rival + ")");
            // Each keeps the hosts only it claims.
            assertThat(hoist.registryFor("registry.rival.example/team/app:1").flavor()).isEqualTo("rival");
        }
    }

    @Test
    void aPluginBuiltForSpi21LoadsAndClaimsNoHost() throws Exception {
        new JavaJars().source("com.old.Flavor", PluginDirectoryTest.flavorSource("com.old", "old", "\"SPI 2.1\"",
                "return java.util.Optional.empty();")).flavors("com.old.Flavor").spiVersion("2.1")
                .writeTo(plugins.resolve("old.jar"));
        try (Hoist hoist = hoist()) {
            assertThat(hoist.flavors()).extracting(flavor -> flavor.name()).containsExactly("old");
            assertThat(hoist.flavors().iterator().next().flavor().hosts()).isEmpty();
            assertThat(hoist.registries().hostClaims().all()).isEmpty();
            assertThat(hoist.registries().hostClaims().problems()).isEmpty();
        }
    }
}
