package dev.hoist.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.config.HoistConfigException;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.discovery.FlavorFailureException;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.HoistException;
import dev.hoist.testing.JavaJars;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15, items 5 and 6: whatever a plugin's code throws (Errors included, but for those that
 * leave the JVM unusable) or answers (null), in any method Hoist calls, becomes one line naming the
 * flavor, its class and its jar; the other flavors keep working.
 */
class MisbehavingPluginTest {

    private static final ClassLoader CORE = MisbehavingPluginTest.class.getClassLoader();

    @TempDir
    Path plugins;

    /** A flavor {@code com.bad.Flavor} named {@code bad} whose method {@code method} has the body {@code body}. */
    private Path badJar(String method, String body) throws Exception {
        String name = method.equals("name") ? body : "return \"bad\";";
        String description = method.equals("description") ? body : "return \"bad\";";
        String normalize = method.equals("normalizeUri") ? body : "return uri;";
        String check = method.equals("check") ? body : "return java.util.List.of();";
        String hook = method.equals("pushHook") ? body : "return java.util.Optional.of(target -> { " + (method.equals("beforePush") ? body : "") + " });";
        String source = """
                package com.bad;
                import dev.hoist.spi.*;
                public class Flavor implements ContainerRegistryFlavor {
                    static int depth(int n) { return depth(n + 1) + 1; }
                    public String name() { %s }
                    public String description() { %s }
                    public java.net.URI docsUrl() { return java.net.URI.create("https://example.invalid/bad"); }
                    public String normalizeUri(String uri) { %s }
                    public java.util.List<SettingProblem> check(ComponentSettings settings) { %s }
                    public java.util.Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) { %s }
                }
                """.formatted(name, description, normalize, check, hook);
        return new JavaJars().source("com.bad.Flavor", source).flavors("com.bad.Flavor").writeTo(plugins.resolve("bad.jar"));
    }

    private Path goodJar() throws Exception {
        return new JavaJars().source("com.good.Flavor", PluginDirectoryTest.flavorSource("com.good", "good", "\"fine\"",
                "return java.util.Optional.of(new Hook());")).flavors("com.good.Flavor").writeTo(plugins.resolve("good.jar"));
    }

    @ParameterizedTest(name = "name() {0}")
    @CsvSource(delimiter = '|', textBlock = """
            throws NoClassDefFoundError | throw new NoClassDefFoundError("com/missing/Dependency");
            throws StackOverflowError   | return String.valueOf(depth(0));
            throws a RuntimeException   | throw new IllegalStateException("no name today");
            answers null                | return null;
            """)
    void discoveryReportsTheFlavorClassAndJarAndKeepsTheOthers(String what, String body) throws Exception {
        Path bad = badJar("name", body);
        goodJar();
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = FlavorCatalog.discover(ContainerRegistryFlavor.class, CORE, directory);
            assertThat(catalog.names()).containsExactly("good");
            assertThat(catalog.problems()).singleElement().asString()
                    .contains("com.bad.Flavor").contains(bad.toString()).doesNotContain("\n").doesNotContain("$Proxy");
        }
    }

    @ParameterizedTest(name = "{0}() {1}")
    @CsvSource(delimiter = '|', textBlock = """
            description  | throws StackOverflowError     | return String.valueOf(depth(0));
            description  | answers null                  | return null;
            normalizeUri | throws a NullPointerException | throw new NullPointerException();
            normalizeUri | answers null                  | return null;
            check        | throws NoClassDefFoundError   | throw new NoClassDefFoundError("com/missing/Dependency");
            """)
    void everyCallIntoThePluginIsGuarded(String method, String what, String body) throws Exception {
        Path bad = badJar(method, body);
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            ContainerRegistryFlavor flavor = FlavorCatalog.discover(ContainerRegistryFlavor.class, CORE, directory)
                    .require("bad").flavor();
            Throwable failed = org.assertj.core.api.Assertions.catchThrowable(() -> {
                switch (method) {
                    case "description" -> flavor.description();
                    case "normalizeUri" -> flavor.normalizeUri("localhost:5000");
                    default -> flavor.check(null);
                }
            });
            assertThat(failed).isInstanceOf(FlavorFailureException.class)
                    .hasMessageStartingWith("Flavor 'bad' (com.bad.Flavor from " + bad + ")")
                    .hasMessageContaining(method + "()")
                    .hasMessageNotContaining("$Proxy").hasMessageNotContaining("\n");
        }
    }

    @Test
    void aConfigNamingAFlavorWhoseChecksFailIsAConfigProblemNotAnInternalError() throws Exception {
        Path bad = badJar("normalizeUri", "return null;");
        Config config = ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n"
                + "hoist.registries.local { flavor = bad, uri = \"localhost:5000\" }");
        assertThatThrownBy(() -> Hoist.builder().config(config).classLoader(CORE).build())
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registries.local.uri")
                .hasMessageContaining("Flavor 'bad' (com.bad.Flavor from " + bad + ") returned null from normalizeUri()");
    }

    @Test
    void aPushHookThatThrowsFailsThePushNamingTheFlavor() throws Exception {
        Path bad = badJar("beforePush", "throw new UnsupportedOperationException(\"not today\");");
        Config config = ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n"
                + "hoist.registries.local { flavor = bad, uri = \"localhost:5000\" }");
        try (Hoist hoist = Hoist.builder().config(config).classLoader(CORE).build()) {
            assertThatThrownBy(() -> hoist.defaultRegistry().pushImage("localhost:5000/app:1"))
                    .isInstanceOf(HoistException.class)
                    .hasMessageStartingWith("Flavor 'bad' (com.bad.Flavor from " + bad + ") failed in beforePush():"
                            + " java.lang.UnsupportedOperationException: not today");
        }
    }
}
