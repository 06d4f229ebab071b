package dev.hoist.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.stack.StackResult;
import dev.hoist.testing.JavaJars;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24, item 14: a flavor in a plugins directory adds a stack rule through its own module, with
 * only the SPI (dev.hoist.spi.StackRule) and Guice; SPI 2.0 plugins still load.
 */
class PluginStackRuleTest {

    private static final ClassLoader CORE = PluginStackRuleTest.class.getClassLoader();

    @TempDir
    Path plugins;

    /** A flavor {@code ruled} whose module binds a stack rule whose {@code check} has the body {@code body}. */
    private Path ruledJar(String body) throws Exception {
        String source = """
                package com.ruled;

                import com.google.inject.AbstractModule;
                import com.google.inject.multibindings.Multibinder;
                import dev.hoist.spi.*;
                import java.util.List;

                public class Flavor implements ContainerRegistryFlavor {
                    public String name() { return "ruled"; }
                    public String description() { return "A flavor with a stack rule"; }
                    public java.net.URI docsUrl() { return java.net.URI.create("https://example.invalid/ruled"); }
                    public String normalizeUri(String uri) { return dev.hoist.api.RegistryUri.parse(uri).normalized(); }
                    public java.util.Optional<com.google.inject.Module> module() {
                        return java.util.Optional.of(new AbstractModule() {
                            @Override protected void configure() {
                                Multibinder.newSetBinder(binder(), StackRule.class).addBinding().to(NamingRule.class);
                            }
                        });
                    }
                }

                class NamingRule implements StackRule {
                    @com.google.inject.Inject NamingRule() { }
                    public String rule() { return "ruled-naming"; }
                    public List<String> check(StackRule.Stack stack) { %s }
                }
                """.formatted(body);
        return new JavaJars().source("com.ruled.Flavor", source).flavors("com.ruled.Flavor")
                .spiVersion(SpiVersion.current().toString()).writeTo(plugins.resolve("ruled.jar"));
    }

    private Map<String, StackResult> stacks() {
        Config config = ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n"
                + "hoist.registries.local { flavor = ruled, uri = \"localhost:5000\" }\n"
                + "hoist.stacks { good { container-registry = local }, bad-one { container-registry = local } }");
        try (Hoist hoist = Hoist.builder().config(config).classLoader(CORE).build()) {
            return hoist.stacks().results().stream().collect(Collectors.toMap(StackResult::name, result -> result));
        }
    }

    @Test
    void aPluginsRuleRunsOnEveryStack() throws Exception {
        ruledJar("""
                StackComponent registry = stack.component(StackComponentType.CONTAINER_REGISTRY).orElseThrow();
                return stack.name().startsWith("bad-")
                        ? List.of("Stack '" + stack.name() + "' uses registry '" + registry.name() + "' (flavor "
                                + registry.flavor() + "), but its name starts with 'bad-' [rule " + rule() + "].")
                        : List.of();
                """);
        Map<String, StackResult> stacks = stacks();
        assertThat(stacks.get("good").errors()).isEmpty();
        assertThat(stacks.get("bad-one").errors()).containsExactly(
                "Stack 'bad-one' uses registry 'local' (flavor ruled), but its name starts with 'bad-' [rule ruled-naming].");
    }

    @Test
    void aRuleThatFailsIsAnErrorOfTheStackNamingTheRuleItsClassAndJar() throws Exception {
        Path jar = ruledJar("throw new NoClassDefFoundError(\"com/ruled/Missing\");");
        Map<String, StackResult> stacks = stacks();
        assertThat(stacks.get("good").errors()).containsExactly("Stack 'good': rule ruled-naming (com.ruled.NamingRule from "
                + jar + ") failed: java.lang.NoClassDefFoundError: com/ruled/Missing. Fix the rule or remove its jar.");
    }

    @Test
    void aPluginBuiltForSpi20StillLoads() throws Exception {
        Path jar = new JavaJars().source("com.old.Flavor", PluginDirectoryTest.flavorSource("com.old", "old", "\"SPI 2.0\"",
                "return java.util.Optional.empty();")).flavors("com.old.Flavor").spiVersion("2.0")
                .writeTo(plugins.resolve("old.jar"));
        Config config = ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n"
                + "hoist.registries.local { flavor = old, uri = \"localhost:5000\" }");
        try (Hoist hoist = Hoist.builder().config(config).classLoader(CORE).build()) {
            assertThat(hoist.flavors()).singleElement().satisfies(flavor -> {
                assertThat(flavor.name()).isEqualTo("old");
                assertThat(flavor.origin().location()).isEqualTo(jar.toString());
            });
        }
    }

    @Test
    void thisHoistProvidesSpi22() {
        // SPI 2.2 added ContainerRegistryFlavor.hosts(); a flavor built for 2.1 or 2.0 still runs.
        assertThat(SpiVersion.current()).isEqualTo(new SpiVersion(2, 2));
        assertThat(SpiVersion.current().runs(new SpiVersion(2, 1))).isTrue();
        assertThat(SpiVersion.current().runs(new SpiVersion(2, 0))).isTrue();
    }
}
