package dev.hoist.component;

import com.example.store.ArtifactStore;
import com.example.store.ArtifactStoreFlavor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.component.ContainerRegistries;
import dev.hoist.Hoist;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.HoistConfigException;
import dev.hoist.inject.HoistBinders;
import dev.hoist.inject.HoistLifecycle;
import dev.hoist.inject.HoistModule;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.stack.InvalidStackException;
import dev.hoist.stack.LocalRegistryRule;
import dev.hoist.stack.Stack;
import dev.hoist.stack.StackResult;
import dev.hoist.stack.StackValidator;
import dev.hoist.stack.Stacks;
import dev.hoist.testing.TestFlavor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A host's view: its own root path, its own component type, stacks, the map factory. */
class HostEmbeddingTest {

    /** The host's jar declares its type's keys in its reference.conf, under hoist (moved under any root). */
    static final String HOST_REFERENCE = """
            hoist.artifact-store-defaults {
              # An absolute directory; each store sets its own.
              path = null
              # Whether the store runs on another machine.
              remote = false
            }
            """;
    private static final ClassLoader LOADER = hostLoader();

    private static ClassLoader hostLoader() {
        try {
            return dev.hoist.testing.ReferenceConf.loader(java.nio.file.Files.createTempDirectory("hoist-host-reference"),
                    HOST_REFERENCE, HostEmbeddingTest.class.getClassLoader());
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
    private static final String ROOT = "mystack.components";
    private static final TypeLiteral<Components<ArtifactStore>> STORES = new TypeLiteral<>() { };
    // No daemon is needed: if wiring touched it, injector creation would fail.
    private static final Config CONFIG = ConfigFactory.parseString("""
            mystack.components {
              registries.local { flavor = test, uri = "localhost:5000" }
              registries.ghcr { flavor = test, uri = "ghcr.io/acme" }
              artifact-store-defaults { remote = false }
              artifact-stores.disk { flavor = local, path = "/var/artifacts" }
              artifact-stores.bucket { flavor = local, path = "/mnt/bucket", remote = true }
              docker.host = "unix:///nonexistent/hoist-test.sock"
            }
            """);

    /** The host's wiring: Hoist under its root, the test flavor, and the artifact store type. */
    private static Injector injector(Config config, Module... more) {
        Module host = new AbstractModule() {
            @Override
            protected void configure() {
                HoistBinders.registryFlavors(binder()).addBinding("test").toInstance(new TestFlavor());
                HoistBinders.componentType(binder(), ArtifactStore.TYPE, ArtifactStoreFlavor.class);
            }
        };
        List<Module> modules = new java.util.ArrayList<>(List.of(Hoist.builder().config(config).root(ROOT).classLoader(LOADER).module(), host));
        modules.addAll(List.of(more));
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }

    private static Config withStacks(String stacks) {
        return ConfigFactory.parseString("mystack.components.stacks { " + stacks + " }").withFallback(CONFIG);
    }

    @Test
    void aSecondComponentTypeIsDiscoveredAndConfiguredByTheSameMachinery() {
        Injector injector = injector(CONFIG);
        Components<ArtifactStore> stores = injector.getInstance(Key.get(STORES));
        assertThat(stores.names()).containsExactly("bucket", "disk");
        ArtifactStore disk = stores.get("disk");
        // The flavor came from META-INF/services, as a host's would; the type's defaults apply.
        assertThat(disk.flavor()).isEqualTo("local");
        assertThat(disk.path()).isEqualTo("/var/artifacts");
        assertThat(disk.isRemote()).isFalse();
        assertThat(stores.get("bucket").isRemote()).isTrue();
        assertThat(stores.get("disk")).isSameAs(disk);
        assertThatThrownBy(() -> stores.get("tape")).isInstanceOf(UnknownComponentException.class)
                .hasMessage("No artifact-store named 'tape' is configured. Configured: bucket, disk."
                        + " Add it as mystack.components.artifact-stores.tape { flavor = ... }.");
        injector.getInstance(HoistLifecycle.class).close();
    }

    @Test
    void aHostTypesConfigProblemsCarryPathOriginAndExpectation() {
        Config bad = ConfigFactory.parseString("""
                mystack.components.artifact-stores {
                  a { flavor = local }
                  b { flavor = s3, path = "/x" }
                  c = 3
                }
                """).withFallback(CONFIG);
        assertThatThrownBy(() -> injector(bad)).isInstanceOf(CreationException.class)
                .hasMessageContaining("mystack.components.artifact-stores.a.path (String: 2): Missing; expected an absolute directory")
                .hasMessageContaining("mystack.components.artifact-stores.b.flavor (String: 3): Unknown flavor 's3'. Available: local."
                        + " To use 's3', put its jar in a plugins directory: mystack.components.plugins.directory in the config.")
                .hasMessageContaining("mystack.components.artifact-stores.c (String: 4): Expected an object { flavor = ... }, found number 3.");
    }

    /** Issue 24 item 17: a host's own config problems were reported as "The Hoist configuration has ...". */
    @Test
    void aHostsConfigProblemsAreReportedAsTheHostsConfigUnderItsRootNotAsHoists() {
        Config bad = ConfigFactory.parseString("""
                mystack.components.artifact-stores.a { flavor = local }
                mystack.components.registries.x { flavor = test, uri = "https://x.io" }
                """).withFallback(CONFIG);
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> injector(bad));
        HoistConfigException error = (HoistConfigException) dev.hoist.inject.StartupFailure.unwrap((CreationException) failure);
        assertThat(error.root()).contains(ROOT);
        assertThat(error.getMessage()).startsWith("The configuration under mystack.components has 2 problems:\n  - ")
                .doesNotContain("Hoist configuration");
        // The map factory's problems name the host's config too.
        assertThatThrownBy(() -> injector(CONFIG).getInstance(ContainerRegistries.class).create("x", "test", Map.of()))
                .hasMessageStartingWith("The configuration under mystack.components has a problem:");
    }

    /** Issue #17 under a host's root: its type's keys come from its reference.conf, and typos are refused there too. */
    @org.junit.jupiter.params.ParameterizedTest(name = "[{index}] {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            artifact-stores.disk.remtoe = true                  | mystack.components.artifact-stores.disk.remtoe          | setting 'remtoe'; Hoist does not read it. Did you mean 'remote'?
            artifact-store-defaults.pth = /x                    | mystack.components.artifact-store-defaults.pth          | setting 'pth'; Hoist does not read it. Did you mean 'path'?
            artifact-store-flavors.lcoal.artifact-store-defaults {} | mystack.components.artifact-store-flavors.lcoal     | artifact-store flavor 'lcoal'. Did you mean 'local'?
            artifact-store-flavors.local.artifact-store-default {}  | mystack.components.artifact-store-flavors.local.artifact-store-default | setting 'artifact-store-default'; Hoist does not read it. Did you mean 'artifact-store-defaults'?
            artifact-store.disk { flavor = local, path = /x }   | mystack.components.artifact-store                       | setting 'artifact-store'; Hoist does not read it. Did you mean 'artifact-stores'?
            dockr.host = x                                      | mystack.components.dockr                                 | setting 'dockr'; Hoist does not read it. Did you mean 'docker'?
            registries.ghcr.urii = x                            | mystack.components.registries.ghcr.urii                  | setting 'urii'; Hoist does not read it. Did you mean 'uri'?
            stacks.s.artifact-stor = disk                       | mystack.components.stacks.s.artifact-stor                | component type 'artifact-stor'. Did you mean 'artifact-store'?
            """)
    void aHostTypesKeysComeFromItsReferenceConfAndTyposUnderTheHostsRootAreRefused(String hocon, String path, String message) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> injector(
                ConfigFactory.parseString("mystack.components." + hocon).withFallback(CONFIG)));
        assertThat(failure).isInstanceOf(CreationException.class);
        HoistConfigException error = (HoistConfigException) dev.hoist.inject.StartupFailure.unwrap((CreationException) failure);
        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.origin()).isEqualTo("String: 1");
            assertThat(problem.message()).isEqualTo("Unknown " + message);
        });
    }

    @Test
    void aHostTypesDeclaredKeysAreAcceptedInEveryPlace() {
        Injector injector = injector(ConfigFactory.parseString("""
                mystack.components.artifact-store-flavors.local.artifact-store-defaults { remote = false, path = "/d" }
                mystack.components.artifact-stores.more { flavor = local }
                """).withFallback(CONFIG));
        assertThat(injector.getInstance(Key.get(STORES)).get("more").path()).isEqualTo("/d");
        injector.getInstance(HoistLifecycle.class).close();
    }

    @Test
    void registriesAreInjectableUnderTheHostsRootPath() {
        Injector injector = injector(CONFIG);
        assertThat(injector.getInstance(Key.get(ContainerRegistry.class, Names.named("ghcr"))).uri()).isEqualTo("ghcr.io/acme");
        assertThat(injector.getInstance(ContainerRegistry.class).name()).isEqualTo("local");
        ContainerRegistries registries = injector.getInstance(ContainerRegistries.class);
        assertThat(registries.names()).containsExactly("ghcr", "local");
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Components<ContainerRegistry>>() { })).get("ghcr"))
                .isSameAs(registries.get("ghcr"));
        assertThatThrownBy(() -> registries.get("prod")).isInstanceOf(UnknownComponentException.class)
                .hasMessageEndingWith("Add it as mystack.components.registries.prod { flavor = ..., uri = ... }.");
        // The host's config errors name the host's paths.
        Config bad = ConfigFactory.parseString("mystack.components.registries.x { flavor = test, uri = \"https://x.io\" }")
                .withFallback(CONFIG);
        assertThatThrownBy(() -> injector(bad)).isInstanceOf(CreationException.class)
                .hasMessageContaining("mystack.components.registries.x.uri (String: 1): Flavor 'test' rejects this URI");
    }

    @Test
    void theMapFactoryBuildsRegistriesAndValidatesExactlyAsConfigDoes() {
        ContainerRegistries registries = injector(CONFIG).getInstance(ContainerRegistries.class);
        ContainerRegistry built = registries.create("from-db", "test",
                Map.of("uri", "Registry.Example.com/team/", "credentials", Map.of("username", "bot", "password", "s3cret")));
        assertThat(built.name()).isEqualTo("from-db");
        assertThat(built.uri()).isEqualTo("registry.example.com/team");
        assertThat(registries.names()).doesNotContain("from-db");

        HoistConfigException invalid = (HoistConfigException) org.assertj.core.api.Assertions.catchThrowable(() ->
                registries.create("broken", "test", Map.of("uri", "https://x.io", "credentials", Map.of("password", "p"),
                        "credentials-helper", "no spaces allowed", "disabled-credential-sources", 7)));
        assertThat(invalid.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "uri", "credentials.username", "credentials-helper", "disabled-credential-sources");
        assertThat(invalid.problems()).allSatisfy(p -> assertThat(p.origin()).isEqualTo("settings of container-registry 'broken'"));
        assertThat(invalid).hasMessageContaining("uri (settings of container-registry 'broken'): Flavor 'test' rejects this URI");

        assertThatThrownBy(() -> registries.create("x", "nope", Map.of()))
                .isInstanceOf(HoistConfigException.class).hasMessageContaining("flavor (settings of container-registry 'x'): Unknown flavor 'nope'");
        assertThatThrownBy(() -> registries.create("x", "test", Map.of()))
                .isInstanceOf(HoistConfigException.class).hasMessageContaining("uri (settings of container-registry 'x'): Missing");
    }

    @Test
    void theMapFactoryWorksForAHostTypeToo() {
        Components<ArtifactStore> stores = injector(CONFIG).getInstance(Key.get(STORES));
        assertThat(stores.create("tmp", "local", Map.of("path", "/tmp/a")).path()).isEqualTo("/tmp/a");
        assertThatThrownBy(() -> stores.create("tmp", "local", Map.of("path", "relative", "remote", "maybe")))
                .isInstanceOf(HoistConfigException.class)
                .satisfies(e -> assertThat(((HoistConfigException) e).problems()).extracting(ConfigProblem::path)
                        .containsExactly("path", "remote"));
    }

    @Test
    void twoInjectorsWithDifferentConfigsAndRootsDoNotInterfere() {
        Config other = ConfigFactory.parseString("""
                other.root.registries.local { flavor = test, uri = "localhost:6000" }
                other.root.artifact-stores.disk { flavor = local, path = "/elsewhere" }
                """);
        Injector first = injector(CONFIG);
        Injector second = Guice.createInjector(Stage.PRODUCTION, Hoist.builder().config(other).root("other.root").classLoader(LOADER).module(), new AbstractModule() {
            @Override
            protected void configure() {
                HoistBinders.registryFlavors(binder()).addBinding("test").toInstance(new TestFlavor());
                HoistBinders.componentType(binder(), ArtifactStore.TYPE, ArtifactStoreFlavor.class);
            }
        });
        assertThat(first.getInstance(ContainerRegistry.class).uri()).isEqualTo("localhost:5000");
        assertThat(second.getInstance(ContainerRegistry.class).uri()).isEqualTo("localhost:6000");
        assertThat(first.getInstance(Key.get(STORES)).get("disk").path()).isEqualTo("/var/artifacts");
        assertThat(second.getInstance(Key.get(STORES)).get("disk").path()).isEqualTo("/elsewhere");
        assertThat(second.getInstance(ContainerRegistries.class).names()).containsExactly("local");
        first.getInstance(HoistLifecycle.class).close();
        // Closing one leaves the other working.
        assertThat(second.getInstance(Key.get(ContainerRegistry.class, Names.named("local"))).uri()).isEqualTo("localhost:6000");
        second.getInstance(HoistLifecycle.class).close();
    }

    @Test
    void aLocalRegistryWithARemoteComponentIsRefusedAndARemoteRegistryAccepted() {
        Stacks stacks = injector(withStacks("""
                dev { container-registry = local, artifact-store = disk }
                broken { container-registry = local, artifact-store = bucket }
                cloud { container-registry = ghcr, artifact-store = bucket }
                """)).getInstance(Stacks.class);
        assertThat(stacks.names()).containsExactly("broken", "cloud", "dev");
        assertThat(stacks.allValid()).isFalse();
        StackResult broken = stacks.results().get(0);
        assertThat(broken.valid()).isFalse();
        assertThat(broken.components()).containsExactly(Map.entry("artifact-store", "bucket"), Map.entry("container-registry", "local"));
        assertThat(broken.errors()).containsExactly("Stack 'broken': container registry 'local' (localhost:5000) is local to"
                + " this machine, but artifact-store 'bucket' (flavor local) runs remotely and must pull images from it"
                + " [rule " + LocalRegistryRule.RULE + "]. Use a registry that it can reach, or local components.");
        assertThatThrownBy(() -> stacks.get("broken")).isInstanceOf(InvalidStackException.class)
                .hasMessageStartingWith("Stack 'broken' is invalid:");
        Stack cloud = stacks.get("cloud");
        assertThat(cloud.containerRegistry().orElseThrow().uri()).isEqualTo("ghcr.io/acme");
        assertThat(cloud.component(ArtifactStore.TYPE, ArtifactStore.class).orElseThrow().path()).isEqualTo("/mnt/bucket");
        assertThat(stacks.get("dev").containerRegistry().orElseThrow().isLocal()).isTrue();
    }

    @Test
    void aStackNamingUnknownTypesOrComponentsIsInvalidWithPathsAndOrigins() {
        Stacks stacks = injector(withStacks("""
                odd { container-registry = staging, artifact-store = 3 }
                """)).getInstance(Stacks.class);
        assertThat(stacks.results().get(0).errors()).containsExactly(
                "mystack.components.stacks.odd.artifact-store (String: 1): Expected the name of an artifact-store; found number 3.",
                "mystack.components.stacks.odd.container-registry (String: 1): Stack 'odd' names container-registry 'staging',"
                        + " which is not configured. Configured under mystack.components.registries: ghcr, local.");
        // A key that is no component type is a config problem when Hoist starts (issue #17).
        assertThatThrownBy(() -> injector(withStacks("odd { container-registry = local, step-runner = k8s }")))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("mystack.components.stacks.odd.step-runner (String: 1): Unknown component type"
                        + " 'step-runner'. Known here: artifact-store, container-registry.");
    }

    @Test
    void hostsAddTheirOwnStackRulesThroughGuice() {
        Module rule = new AbstractModule() {
            @Override
            protected void configure() {
                HoistBinders.stackValidators(binder()).addBinding().toInstance(new StackValidator() {
                    @Override
                    public String rule() {
                        return "needs-artifact-store";
                    }

                    @Override
                    public List<String> validate(Stack stack) {
                        return stack.component(ArtifactStore.TYPE).isPresent() ? List.of()
                                : List.of("Stack '" + stack.name() + "' has no artifact-store [rule needs-artifact-store].");
                    }
                });
            }
        };
        Stacks stacks = injector(withStacks("bare { container-registry = ghcr }"), rule).getInstance(Stacks.class);
        assertThat(stacks.results().get(0).errors()).containsExactly("Stack 'bare' has no artifact-store [rule needs-artifact-store].");
    }
}
