package dev.hoist.inject;

import dev.hoist.spi.HoistException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.component.ContainerRegistries;
import dev.hoist.Hoist;
import dev.hoist.config.HoistConfigException;
import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.docker.DockerEngine;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.TestFlavor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoistModuleTest {

    private static final ClassLoader LOADER = HoistModuleTest.class.getClassLoader();
    // Points at nothing: if wiring touched the daemon, injector creation would fail or hang.
    private static final Config CONFIG = ConfigFactory.parseString("""
            hoist.registries.local.flavor = test
            hoist.registries.prod { flavor = test, uri = "registry.example.com/team" }
            hoist.docker.host = "unix:///nonexistent/hoist-test.sock"
            """);

    private static com.google.inject.Module module(Config config) {
        return TestFlavor.module(config, LOADER, new TestFlavor());
    }

    @Test
    void registriesAreInjectableByNameAndByDefaultInProductionStage() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, module(CONFIG));
        ContainerRegistry prod = injector.getInstance(Key.get(ContainerRegistry.class, Names.named("prod")));
        assertThat(prod.uri()).isEqualTo("registry.example.com/team");
        assertThat(prod.flavor()).isEqualTo("test");
        assertThat(injector.getInstance(ContainerRegistry.class).name()).isEqualTo("local");
        assertThat(injector.getInstance(ContainerRegistries.class).names()).containsExactly("local", "prod");
        // One instance per name, however it is reached.
        assertThat(injector.getInstance(ContainerRegistries.class).get("prod")).isSameAs(prod);
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, ContainerRegistryFlavor>>() { })))
                .containsOnlyKeys("test");
        injector.getInstance(DockerEngine.class).close();
    }

    @Test
    void anInvalidConfigFailsInjectorCreationWithEveryProblem() {
        Config bad = ConfigFactory.parseString("""
                hoist.registries.local.flavor = nope
                hoist.registries.other { flavor = test, uri = "http://x" }
                """);
        assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION, module(bad)))
                .isInstanceOf(CreationException.class)
                .satisfies(e -> assertThat(((CreationException) e).getErrorMessages())
                        .isNotEmpty().allSatisfy(m -> assertThat(m.getCause()).isInstanceOf(HoistConfigException.class)))
                .hasMessageContaining("hoist.registries.local.flavor").hasMessageContaining("hoist.registries.other.uri");
    }

    @Test
    void hostsContributeFlavorsThroughTheBinderHelper() {
        Config config = ConfigFactory.parseString("""
                hoist.registries.local.flavor = test
                hoist.registries.mine { flavor = mine, uri = "mine.example.com" }
                """);
        Injector injector = Guice.createInjector(Stage.PRODUCTION, module(config), new AbstractModule() {
            @Override
            protected void configure() {
                HoistBinders.registryFlavors(binder()).addBinding("mine").toInstance(new TestFlavor("mine"));
            }
        });
        assertThat(injector.getInstance(Key.get(ContainerRegistry.class, Names.named("mine"))).flavor()).isEqualTo("mine");
    }

    @Test
    void aFlavorNameBoundTwiceFailsInjectorCreation() {
        assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION, module(CONFIG), new AbstractModule() {
            @Override
            protected void configure() {
                HoistBinders.registryFlavors(binder()).addBinding("test").toInstance(new TestFlavor());
            }
        })).isInstanceOf(CreationException.class).hasMessageContaining("\"test\"");
    }

    @Test
    void twoInjectorsInOneJvmKeepTheirOwnConfig() {
        Config other = ConfigFactory.parseString("hoist.registries.local { flavor = test, uri = \"localhost:6000\" }");
        Injector first = Guice.createInjector(Stage.PRODUCTION, module(CONFIG));
        Injector second = Guice.createInjector(Stage.PRODUCTION, module(other));
        assertThat(first.getInstance(ContainerRegistry.class).uri()).isEqualTo("localhost:5000");
        assertThat(second.getInstance(ContainerRegistry.class).uri()).isEqualTo("localhost:6000");
    }

    @Test
    void theFacadeUnwrapsOurErrors() {
        assertThatThrownBy(() -> Hoist.builder().config(ConfigFactory.parseString("hoist.registries.local.flavor = nope")).classLoader(LOADER).build())
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("Unknown flavor 'nope'. Available: none");
    }

    @Test
    void anUnknownRegistryNameListsTheConfiguredOnes() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, module(CONFIG));
        assertThatThrownBy(() -> injector.getInstance(ContainerRegistries.class).get("staging"))
                .isInstanceOf(dev.hoist.component.UnknownComponentException.class)
                .hasMessage("No registry named 'staging' is configured. Configured registries: local, prod."
                        + " Add it as hoist.registries.staging { flavor = ..., uri = ... }.");
    }

    @Test
    void aServiceTheInjectorLacksIsAClearError() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, module(CONFIG));
        assertThatThrownBy(() -> injector.getInstance(dev.hoist.spi.ComponentContext.class).service(Runnable.class))
                .isInstanceOf(dev.hoist.spi.HoistException.class)
                .hasMessage("A flavor asked for a java.lang.Runnable, but the injector has no binding for it."
                        + " Bind it in one of the host's modules.");
    }
}
