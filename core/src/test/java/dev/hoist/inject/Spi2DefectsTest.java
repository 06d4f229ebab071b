package dev.hoist.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.store.ArtifactStore;
import com.example.store.ArtifactStoreFlavor;
import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.auth.Environment;
import dev.hoist.component.ContainerRegistries;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.HoistConfigException;
import dev.hoist.plugin.PluginException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.PushHook;
import dev.hoist.testing.TestFlavor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SPI 2 defects found by writing a flavor and a host from the docs alone, one test each (1, 3, 4, 5, 7). */
class Spi2DefectsTest {

    private static final ClassLoader LOADER = Spi2DefectsTest.class.getClassLoader();
    private static final String NO_DAEMON = "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n";

    /** A flavor whose push hook holds something to release. */
    static final class ClosingFlavor extends TestFlavor {
        final AtomicInteger closed = new AtomicInteger();

        ClosingFlavor() {
            super("closing");
        }

        @Override
        public Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
            final class Hook implements PushHook, AutoCloseable {
                @Override
                public void beforePush(Target target) {
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            }
            return Optional.of(new Hook());
        }
    }

    @Test
    void defect1ClosingHoistClosesTheRegistriesItBuiltAndTheirHooks() {
        ClosingFlavor flavor = new ClosingFlavor();
        Config config = ConfigFactory.parseString(NO_DAEMON + "hoist.registries.local { flavor = closing, uri = \"localhost:5000\" }");
        Injector injector = Guice.createInjector(Stage.PRODUCTION, TestFlavor.module(config, LOADER, flavor));
        injector.getInstance(ContainerRegistries.class).get("local");
        injector.getInstance(HoistLifecycle.class).close();
        assertThat(flavor.closed).hasValue(1);
        injector.getInstance(HoistLifecycle.class).close();
        assertThat(flavor.closed).as("closing twice does nothing").hasValue(1);
    }

    @Test
    void defect3ProblemsOfTwoComponentTypesComeOutAsOneExceptionWithEachProblemOnce() {
        Config config = ConfigFactory.parseString(NO_DAEMON
                + "hoist.registries.local = null\n"
                + "hoist.default-registry = a\n"
                + "hoist.registries.a { flavor = test }\n"                  // no uri
                + "hoist.registries.other { flavor = nope, uri = \"x:1\" }\n" // unknown flavor
                + "hoist.artifact-stores.disk { flavor = local }\n");        // no path
        AbstractModule host = new AbstractModule() {
            @Override
            protected void configure() {
                HoistBinders.registryFlavors(binder()).addBinding("test").toInstance(new TestFlavor());
                HoistBinders.componentType(binder(), ArtifactStore.TYPE, ArtifactStoreFlavor.class);
            }
        };
        HoistModule module = Hoist.builder().config(config).classLoader(LOADER).module();
        Throwable failed = catchThrowable(() -> Guice.createInjector(Stage.PRODUCTION, module, host));
        assertThat(failed).isInstanceOf(CreationException.class);
        RuntimeException unwrapped = StartupFailure.unwrap((CreationException) failed);
        assertThat(unwrapped).isInstanceOf(HoistConfigException.class);
        assertThat(((HoistConfigException) unwrapped).problems()).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("hoist.registries.a.uri", "hoist.registries.other.flavor",
                        "hoist.artifact-stores.disk.path");
        module.close();
    }

    @Test
    void defect4TheEmbeddedLocalRegistryCanBeRemoved() {
        try (Hoist hoist = Hoist.builder().classLoader(LOADER).config(ConfigFactory.parseString(NO_DAEMON
                + "hoist { default-registry = \"\", registries.local = null }")).build()) {
            assertThat(hoist.registries().names()).isEmpty();
            assertThatThrownBy(hoist::defaultRegistry).isInstanceOf(dev.hoist.component.NoDefaultRegistryException.class)
                    .hasMessage("No default registry: hoist.default-registry is empty. Name a registry, or set"
                            + " hoist.default-registry to one of: (none configured).");
        }
        try (Hoist hoist = Hoist.builder().classLoader(LOADER).config(ConfigFactory.parseString(NO_DAEMON
                + "hoist { default-registry = \"\", registries = null }")).build()) {
            assertThat(hoist.registries().names()).isEmpty();
        }
        // Without the default flavor on the class path, naming local as the default is the one problem left.
        assertThatThrownBy(() -> Hoist.builder().classLoader(LOADER).config(ConfigFactory.parseString(NO_DAEMON
                + "hoist.registries.local = null")).build())
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.default-registry")
                .hasMessageContaining("Names registry 'local', which is not configured. Configured registries: none.")
                .hasMessageNotContaining("found null");
    }

    /** A flavor whose hook needs a service of the injector, bound by the host or by the flavor's own module. */
    static final class NeedyFlavor extends TestFlavor {
        NeedyFlavor() {
            super("needy");
        }

        @Override
        public Optional<com.google.inject.Module> module() {
            return Optional.of(binder -> binder.bind(Greeting.class).toInstance(new Greeting("hello from the flavor's module")));
        }

        @Override
        public Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
            Greeting greeting = context.service(Greeting.class);
            return Optional.of(target -> {
                throw target.refuse(greeting.text());
            });
        }
    }

    record Greeting(String text) {
    }

    @Test
    void defect5ARegistryFlavorReceivesTheComponentContextWithItsModulesBindings() {
        NeedyFlavor flavor = new NeedyFlavor();
        Config config = ConfigFactory.parseString(NO_DAEMON + "hoist.registries.local { flavor = needy, uri = \"localhost:5000\" }");
        Injector injector = Guice.createInjector(Stage.PRODUCTION, TestFlavor.module(config, LOADER, flavor),
                flavor.module().orElseThrow());
        ContainerRegistry registry = injector.getInstance(ContainerRegistries.class).get("local");
        assertThatThrownBy(() -> registry.pushImage("localhost:5000/app:1"))
                .hasMessage("Image name 'localhost:5000/app:1' is invalid: hello from the flavor's module");
        injector.getInstance(HoistLifecycle.class).close();
    }

    @Test
    void defect7MessagesNameTheHostsRootNotHoist() {
        String root = "mystack.components";
        // The default registry.
        assertThatThrownBy(() -> Hoist.builder().classLoader(LOADER).root(root).config(ConfigFactory.parseString(
                root + ".docker.host = \"unix:///nonexistent/x.sock\"\n" + root + ".default-registry = nowhere\n"
                        + root + ".registries.local = null")).build())
                .hasMessageContaining(root + ".default-registry").hasMessageNotContaining("hoist.");
        // The plugins directory.
        assertThatThrownBy(() -> Hoist.builder().classLoader(LOADER).root(root).config(ConfigFactory.parseString(
                root + ".plugins.directory = \"/nonexistent/plugins\"")).module())
                .isInstanceOf(PluginException.class)
                .hasMessageContaining(root + ".plugins.directory").hasMessageNotContaining("hoist.");
        // The credentials setting a refused push points at, and the engine settings.
        Config config = ConfigFactory.parseString(root + ".docker.host = \"unix:///nonexistent/x.sock\"\n"
                + root + ".registries.local { flavor = test, uri = \"localhost:5000\" }");
        Injector injector = Guice.createInjector(Stage.PRODUCTION, com.google.inject.util.Modules.combine(
                Hoist.builder().classLoader(LOADER).root(root).config(config)
                        .environment(new Environment(Map.of(), Path.of("/nonexistent-home"))).module(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        HoistBinders.registryFlavors(binder()).addBinding("test").toInstance(new TestFlavor());
                    }
                }));
        ContainerRegistry local = injector.getInstance(ContainerRegistries.class).get("local");
        assertThat(local.path()).isEqualTo(root + ".registries.local");
        assertThat(RegistryAuthenticationException.refused("localhost:5000/app:1", "denied")
                .withCredentials("no credentials", local.path() + ".credentials").getMessage())
                .contains(root + ".registries.local.credentials").doesNotContain("hoist.");
        assertThatThrownBy(() -> local.pushImage("localhost:5000/app:1"))
                .hasMessageContaining(root + ".docker.host").hasMessageNotContaining("hoist.docker");
        injector.getInstance(HoistLifecycle.class).close();
    }
}
