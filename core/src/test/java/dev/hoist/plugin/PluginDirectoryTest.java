package dev.hoist.plugin;

import dev.hoist.spi.PushHook;

import dev.hoist.api.RegistryUri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.spi.HoistException;
import dev.hoist.config.HoistConfigException;
import dev.hoist.discovery.DiscoveredFlavor;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.plugin.SpiVersion;
import dev.hoist.testing.JavaJars;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Third-party flavors in a plugins directory: real jars, compiled here against the Hoist API only. */
class PluginDirectoryTest {

    private static final ClassLoader CORE = PluginDirectoryTest.class.getClassLoader();

    @TempDir
    Path plugins;

    /** The source of a flavor {@code pkg.Flavor} named {@code name}; {@code description} is a Java expression. */
    static String flavorSource(String pkg, String name, String description, String createBody) {
        return """
                package %1$s;

                import dev.hoist.spi.*;
                import dev.hoist.api.RegistryUri;
                import java.net.URI;

                public class Flavor implements ContainerRegistryFlavor {
                    public final ClassLoader contextAtConstruction = Thread.currentThread().getContextClassLoader();
                    public String name() { return "%2$s"; }
                    public String description() { return %3$s; }
                    public URI docsUrl() { return URI.create("https://example.invalid/%2$s"); }
                    public String normalizeUri(String uri) { return RegistryUri.parse(uri).normalized(); }
                    public java.util.Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) { %4$s }
                    static class Hook implements PushHook {
                        @Override public void beforePush(PushHook.Target target) {
                            if (Thread.currentThread().getContextClassLoader() != getClass().getClassLoader()) {
                                throw new IllegalStateException("beforePush ran without the plugin's context loader");
                            }
                        }
                    }
                }
                """.formatted(pkg, name, description, createBody);
    }

    private static final String CREATE = "return java.util.Optional.of(new Hook());";

    private Path flavorJar(String jarName, String pkg, String name) throws Exception {
        return new JavaJars().source(pkg + ".Flavor", flavorSource(pkg, name, "\"A plugin flavor\"", CREATE))
                .flavors(pkg + ".Flavor")
                .writeTo(plugins.resolve(jarName));
    }

    private FlavorCatalog<ContainerRegistryFlavor> discover(PluginDirectory directory) {
        return FlavorCatalog.discover(ContainerRegistryFlavor.class, CORE, directory);
    }

    @Test
    void aPluginJarsFlavorIsFoundInIsolationWithItsJarAndContextLoader() throws Exception {
        Path jar = new JavaJars().source("com.acme.Flavor", flavorSource("com.acme", "acme",
                        "contextAtConstruction == getClass().getClassLoader() ? \"built under own loader\" : \"built under another\"",
                        CREATE))
                .flavors("com.acme.Flavor").writeTo(plugins.resolve("acme.jar"));
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = discover(directory);
            assertThat(catalog.problems()).isEmpty();
            DiscoveredFlavor<ContainerRegistryFlavor> acme = catalog.require("acme");
            assertThat(acme.origin().location()).isEqualTo(jar.toString());
            assertThat(acme.origin().artifact()).isEqualTo("acme.jar");
            assertThat(acme.implementation().getClassLoader()).isInstanceOf(PluginClassLoader.class);
            assertThat(acme.flavor().description()).isEqualTo("built under own loader");
            // Not visible from the application's loader.
            assertThatThrownBy(() -> Class.forName("com.acme.Flavor", false, CORE)).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void everyCallIntoAPluginFlavorRunsWithItsContextLoader() throws Exception {
        new JavaJars().source("com.ctx.Flavor", flavorSource("com.ctx", "ctx",
                        "Thread.currentThread().getContextClassLoader() == getClass().getClassLoader() ? \"own loader\" : \"wrong loader\"",
                        CREATE))
                .flavors("com.ctx.Flavor").writeTo(plugins.resolve("ctx.jar"));
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            assertThat(discover(directory).require("ctx").flavor().description()).isEqualTo("own loader");
        }
    }

    @Test
    void twoPluginsCarryDifferentVersionsOfOneLibrary() throws Exception {
        for (String version : new String[] {"1", "2"}) {
            Path dir = plugins.resolve("plugin-v" + version);
            java.nio.file.Files.createDirectories(dir);
            Path lib = new JavaJars().source("com.lib.Version",
                    "package com.lib; public class Version { public static String value() { return \"" + version + "\"; } }")
                    .writeTo(dir.resolve("lib.jar"));
            new JavaJars().compileAgainst(lib)
                    .source("com.v" + version + ".Flavor", flavorSource("com.v" + version, "v" + version,
                            "\"lib \" + com.lib.Version.value()", CREATE))
                    .flavors("com.v" + version + ".Flavor")
                    .writeTo(dir.resolve("flavor.jar"));
        }
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            assertThat(directory.plugins()).extracting(Plugin::name).containsExactly("plugin-v1", "plugin-v2");
            FlavorCatalog<ContainerRegistryFlavor> catalog = discover(directory);
            assertThat(catalog.require("v1").flavor().description()).isEqualTo("lib 1");
            assertThat(catalog.require("v2").flavor().description()).isEqualTo("lib 2");
        }
    }

    @Test
    void aFlavorBuiltAgainstAnotherSpiMajorIsRefusedNamingTheJarAndBothVersions() throws Exception {
        Path future = new JavaJars().source("com.future.Flavor", flavorSource("com.future", "future", "\"x\"", CREATE))
                .flavors("com.future.Flavor").spiVersion("3.0").writeTo(plugins.resolve("future.jar"));
        Path old = new JavaJars().source("com.old.Flavor", flavorSource("com.old", "old", "\"x\"", CREATE))
                .flavors("com.old.Flavor").spiVersion("1.0").writeTo(plugins.resolve("old.jar"));
        new JavaJars().source("com.same.Flavor", flavorSource("com.same", "same", "\"x\"", CREATE))
                .flavors("com.same.Flavor").spiVersion(SpiVersion.current().toString()).writeTo(plugins.resolve("same.jar"));
        flavorJar("unversioned.jar", "com.unversioned", "unversioned");
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = discover(directory);
            assertThat(catalog.names()).containsExactly("same", "unversioned");
            assertThat(catalog.problems()).hasSize(2);
            assertThat(catalog.problems().get(1)).startsWith("Flavor class com.old.Flavor in " + old
                    + " was built against Hoist SPI 1.0; this Hoist provides SPI " + SpiVersion.current() + ". SPI 2 changed how flavors are written:")
                    .contains("docs/writing-a-flavor.md (\"Porting from SPI 1\")");
            assertThat(catalog.problems().get(0)).isEqualTo("Flavor class com.future.Flavor in " + future
                    + " was built against Hoist SPI 3.0, but this Hoist provides SPI " + SpiVersion.current()
                    + ". Rebuild the flavor against hoist-core with SPI " + SpiVersion.current().major()
                    + ".x, or use a Hoist release whose SPI runs it.");
        }
    }

    @Test
    void aJarWithNoFlavorIsAProblemAndTheOthersKeepWorking() throws Exception {
        Path empty = new JavaJars().source("com.empty.Util", "package com.empty; public class Util {}")
                .writeTo(plugins.resolve("empty.jar"));
        flavorJar("acme.jar", "com.acme", "acme");
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = discover(directory);
            assertThat(catalog.names()).containsExactly("acme");
            assertThat(catalog.problems()).containsExactly("Plugin " + empty + " provides no flavor: none of its jars"
                    + " lists one under META-INF/services/. Register each flavor class with"
                    + " @AutoService(ContainerRegistryFlavor.class), or with the flavor interface of its component type.");
        }
    }

    @Test
    void aFileNamedJarThatIsNoJarIsOneProblemWithoutAdviceOnRegisteringFlavors() throws Exception {
        Path broken = java.nio.file.Files.writeString(plugins.resolve("broken.jar"), "not a zip file");
        flavorJar("acme.jar", "com.acme", "acme");
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = discover(directory);
            assertThat(catalog.names()).containsExactly("acme");
            assertThat(catalog.problems()).singleElement().asString()
                    .startsWith("Plugin " + broken + ": cannot read " + broken + " as a jar: ")
                    .doesNotContain("@AutoService");
        }
    }

    @Test
    void twoPluginsWithOneFlavorNameAreBothNamedAndNeitherWins() throws Exception {
        Path first = flavorJar("first.jar", "com.first", "twin");
        Path second = flavorJar("second.jar", "com.second", "twin");
        flavorJar("acme.jar", "com.acme", "acme");
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = discover(directory);
            assertThat(catalog.names()).containsExactly("acme");
            assertThat(catalog.problems()).containsExactly("Flavor 'twin' is provided 2 times: by com.first.Flavor from "
                    + first + ", and by com.second.Flavor from " + second
                    + ". Neither is used; remove all but one of these jars.");
        }
    }

    @Test
    void aConfigThatNamesADuplicatedFlavorSaysWhy() throws Exception {
        flavorJar("first.jar", "com.first", "twin");
        flavorJar("second.jar", "com.second", "twin");
        Config config = ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.registries.local { flavor = twin, uri = \"localhost:5000\" }");
        assertThatThrownBy(() -> Hoist.builder().config(config).classLoader(CORE).build())
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registries.local.flavor (String: 2): Flavor 'twin' is provided 2 times");
    }

    @Test
    void aPluginsReferenceConfIsMergedAndAFailingCreateNamesItsJar() throws Exception {
        Path jar = new JavaJars()
                .source("com.greet.Flavor", flavorSource("com.greet", "greet", "\"x\"",
                        "if (settings.config().getString(\"greeting\").equals(\"fail\")) {"
                                + " throw new IllegalStateException(\"cannot greet\"); }"
                                + " return java.util.Optional.of(new Hook());"))
                .flavors("com.greet.Flavor")
                .resource("reference.conf", "hoist.flavors.greet.registry-defaults { greeting = hello }\n")
                .writeTo(plugins.resolve("greet.jar"));
        Config config = ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.registries.local { flavor = greet, uri = \"localhost:5000\" }\n"
                + "hoist.registries.broken { flavor = greet, uri = \"localhost:5001\", greeting = fail }");
        try (Hoist hoist = Hoist.builder().config(config).classLoader(CORE).build()) {
            ContainerRegistry local = hoist.registry("local");
            assertThat(local.flavor()).isEqualTo("greet");
            assertThat(((dev.hoist.component.ConfiguredComponents<?>) hoist.injector().getInstance(com.google.inject.Key.get(
                    new com.google.inject.TypeLiteral<dev.hoist.component.Components<ContainerRegistry>>() { })))
                    .definition("local").orElseThrow().settings().config().getString("greeting")).isEqualTo("hello");
            assertThatThrownBy(() -> hoist.registry("broken"))
                    .isInstanceOf(HoistException.class)
                    .hasMessageStartingWith("Cannot create registry 'broken' defined at String: 3: Flavor 'greet'"
                            + " (com.greet.Flavor from " + jar + ") failed in pushHook(): java.lang.IllegalStateException:"
                            + " cannot greet. Fix the flavor or remove its jar.");
            assertThat(hoist.registry("local")).isSameAs(local);
        }
    }

    @Test
    void underAHostsRootAPluginsReferenceConfMovesWithTheRest() throws Exception {
        new JavaJars()
                .source("com.greet.Flavor", flavorSource("com.greet", "greet", "\"x\"", CREATE))
                .flavors("com.greet.Flavor")
                .resource("reference.conf", "hoist.flavors.greet.registry-defaults { greeting = hello }\n")
                .writeTo(plugins.resolve("greet.jar"));
        Config config = ConfigFactory.parseString("mystack.components.plugins.directory = \"" + plugins + "\"\n"
                + "mystack.components.registries.local { flavor = greet, uri = \"localhost:5000\" }");
        com.google.inject.Injector injector = com.google.inject.Guice.createInjector(com.google.inject.Stage.PRODUCTION,
                Hoist.builder().config(config).root("mystack.components").classLoader(CORE).module());
        try {
            assertThat(((dev.hoist.component.ConfiguredComponents<?>) injector.getInstance(com.google.inject.Key.get(
                    new com.google.inject.TypeLiteral<dev.hoist.component.Components<ContainerRegistry>>() { })))
                    .definition("local").orElseThrow().settings().config().getString("greeting")).isEqualTo("hello");
        } finally {
            injector.getInstance(dev.hoist.inject.HoistLifecycle.class).close();
        }
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        Path absent = plugins.resolve("absent");
        assertThatThrownBy(() -> Hoist.builder().config(
                ConfigFactory.parseString("hoist.plugins.directory = \"" + absent + "\"")).classLoader(CORE).module())
                .isInstanceOf(PluginException.class)
                .hasMessage("The plugins directory " + absent + " does not exist or is not a directory"
                        + " (hoist.plugins.directory or --plugins).");
    }

    @Test
    void aPushThroughAPluginFlavorReachesTheRealRegistry() throws Exception {
        TestServices.require();
        flavorJar("acme.jar", "com.acme", "acme");
        Config config = ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.registries.local { flavor = acme, uri = \"" + TestServices.registry() + "/plugin\" }\n"
                + "hoist.docker.host = \"" + TestServices.dockerHost() + "\"");
        try (Hoist hoist = Hoist.builder().config(config).classLoader(CORE).build()) {
            String tag = TestImages.uniqueTag();
            String image = TestImages.load(hoist.docker(), TestServices.registry() + "/plugin/app", tag, 32 * 1024);
            try {
                String digest = hoist.defaultRegistry().pushImage(image);
                assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "plugin/app", tag)).isEqualTo(digest);
            } finally {
                hoist.docker().removeImage(image);
            }
        }
    }

    @Test
    void aPluginThatUsesHoistInternalsFailsToLoadNamingItsJarAndTheOthersKeepWorking() throws Exception {
        Path internal = new JavaJars().source("com.internal.Flavor", flavorSource("com.internal", "internal",
                        "dev.hoist.registry.ContainerRegistry.class.getName()", CREATE)
                        .replace("public final ClassLoader contextAtConstruction",
                                "public final Class<?> internal = dev.hoist.component.ComponentType.class;\n    public final ClassLoader contextAtConstruction"))
                .flavors("com.internal.Flavor").writeTo(plugins.resolve("internal.jar"));
        flavorJar("acme.jar", "com.acme", "acme");
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = discover(directory);
            assertThat(catalog.names()).containsExactly("acme");
            assertThat(catalog.problems()).singleElement().asString()
                    .startsWith("A ContainerRegistryFlavor provider could not be loaded from " + internal + ":")
                    .contains("com.internal.Flavor")
                    .contains("dev.hoist.component.ComponentType is internal to Hoist; a plugin may use only the packages"
                            + " dev.hoist.spi and dev.hoist.api");
        }
    }

    @Test
    void eachComponentTypesDiscoveryIgnoresPluginsThatCarryOnlyAnotherTypesFlavors() throws Exception {
        flavorJar("registry-only.jar", "com.reg", "reg");
        new JavaJars().compileAgainst(Path.of("target/test-classes")).source("com.store.Tape", """
                        package com.store;
                        import dev.hoist.spi.*;
                        public class Tape implements com.example.store.ArtifactStoreFlavor {
                            public String name() { return "tape"; }
                            public String description() { return "tape"; }
                            public java.net.URI docsUrl() { return java.net.URI.create("https://example.invalid/tape"); }
                            public com.example.store.ArtifactStore create(ComponentSettings settings, ComponentContext context) {
                                return null;
                            }
                        }
                        """)
                .resource("META-INF/services/com.example.store.ArtifactStoreFlavor", "com.store.Tape\n")
                .writeTo(plugins.resolve("store-only.jar"));
        try (PluginDirectory directory = PluginDirectory.open(plugins, CORE, "hoist.plugins.directory")) {
            FlavorCatalog<ContainerRegistryFlavor> registries = discover(directory);
            assertThat(registries.names()).containsExactly("reg");
            assertThat(registries.problems()).as("the store-only plugin is no registry problem").isEmpty();
            FlavorCatalog<com.example.store.ArtifactStoreFlavor> stores =
                    FlavorCatalog.discover(com.example.store.ArtifactStoreFlavor.class, CORE, directory);
            assertThat(stores.names()).contains("tape");
            assertThat(stores.problems()).as("the registry-only plugin is no artifact-store problem").isEmpty();
        }
    }

    @Test
    void closingHoistClosesAPluginFlavorsAutoCloseableHookInItsOwnClassLoader() throws Exception {
        String property = "hoist.test.closed." + System.nanoTime();
        new JavaJars().source("com.closing.Flavor", flavorSource("com.closing", "closing", "\"x\"",
                        "return java.util.Optional.of(new Closing());")
                        .replace("static class Hook implements PushHook {", """
                                static class Closing implements PushHook, AutoCloseable {
                                    @Override public void beforePush(PushHook.Target target) { }
                                    @Override public void close() {
                                        System.setProperty("%s", String.valueOf(
                                                Thread.currentThread().getContextClassLoader() == getClass().getClassLoader()));
                                    }
                                }
                                static class Hook implements PushHook {""".formatted(property)))
                .flavors("com.closing.Flavor").writeTo(plugins.resolve("closing.jar"));
        Config config = ConfigFactory.parseString("hoist.plugins.directory = \"" + plugins + "\"\n"
                + "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n"
                + "hoist.registries.local { flavor = closing, uri = \"localhost:5000\" }");
        try (Hoist hoist = Hoist.builder().config(config).classLoader(CORE).build()) {
            hoist.registry("local");
        }
        assertThat(System.getProperty(property)).as("closed, with the plugin's context loader").isEqualTo("true");
    }
}
