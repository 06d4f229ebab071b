package dev.hoist.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.typesafe.config.ConfigFactory;
import dev.hoist.inject.HoistLifecycle;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.PushHook;
import dev.hoist.testing.TestFlavor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, the rule in core: the configured owner, else the implicit registry of the flavor that claims the host,
 * else the default flavor's; built once per flavor and URI; closed by {@link HoistLifecycle}.
 */
class ImplicitRegistriesTest {

    /** A flavor that claims hosts and whose hook counts how often it was closed. */
    private static final class Claiming extends TestFlavor {
        final AtomicInteger hooksClosed = new AtomicInteger();
        final AtomicInteger hooksMade = new AtomicInteger();
        private final List<String> hosts;

        Claiming(String name, List<String> hosts) {
            super(name);
            this.hosts = hosts;
        }

        @Override
        public List<String> hosts() {
            return hosts;
        }

        @Override
        public Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
            hooksMade.incrementAndGet();
            return Optional.of(new Hook());
        }

        private final class Hook implements PushHook, AutoCloseable {
            @Override
            public void beforePush(Target target) {
                prepared.add(target.image());
            }

            @Override
            public void close() {
                hooksClosed.incrementAndGet();
            }
        }
    }

    private final Claiming fallback = new Claiming("default", List.of());
    private final Claiming acme = new Claiming("acme", List.of("registry.acme.example", "*.acme-cdn.example"));
    private Injector injector;

    private ContainerRegistries registries(String hocon, TestFlavor... flavors) {
        injector = Guice.createInjector(Stage.PRODUCTION, TestFlavor.module(ConfigFactory.parseString(
                "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n" + hocon),
                ImplicitRegistriesTest.class.getClassLoader(), flavors));
        return injector.getInstance(ContainerRegistries.class);
    }

    @AfterEach
    void close() {
        if (injector != null) {
            injector.getInstance(HoistLifecycle.class).close();
        }
    }

    @Test
    void theConfiguredOwnerThenTheClaimingFlavorThenTheDefaultFlavor() {
        ContainerRegistries registries = registries(
                "hoist.registries.team { flavor = acme, uri = \"registry.acme.example/team\" }", fallback, acme);
        assertThat(registries.forReference("registry.acme.example/team/app:1")).isSameAs(registries.get("team"));

        ContainerRegistry other = registries.forReference("registry.acme.example/other/app:1");
        assertThat(other.isImplicit()).isTrue();
        assertThat(other.flavor()).isEqualTo("acme");
        assertThat(other.uri()).isEqualTo("registry.acme.example");
        assertThat(other.describe()).isEqualTo("implicit registry registry.acme.example (flavor acme)");
        assertThat(registries.get("team").describe()).isEqualTo("registry 'team' (registry.acme.example/team, flavor acme)");

        assertThat(registries.forReference("eu.acme-cdn.example/app:1").flavor()).isEqualTo("acme");
        ContainerRegistry elsewhere = registries.forReference("quay.io/org/app:1");
        assertThat(elsewhere.flavor()).isEqualTo("default");
        assertThat(elsewhere.uri()).isEqualTo("quay.io");
        // The implicit registry runs the claiming flavor's hook like a configured one.
        other.checkPush("registry.acme.example/other/app:1");
        assertThat(acme.prepared).containsExactly("registry.acme.example/other/app:1");
    }

    @Test
    void eachImplicitRegistryIsBuiltOnceAndClosedWithTheRest() {
        ContainerRegistries registries = registries("", fallback, acme);
        ContainerRegistry first = registries.forReference("registry.acme.example/a/app:1");
        assertThat(registries.forReference("registry.acme.example/b/other:2")).isSameAs(first);
        assertThat(registries.forReading("registry.acme.example/a/app:1")).isSameAs(first);
        assertThat(acme.hooksMade).hasValue(1);
        registries.forReference("quay.io/org/app:1");

        // The default flavor built 'local' (asked whether it owns the references) and quay.io's implicit registry.
        assertThat(fallback.hooksMade).hasValue(2);

        injector.getInstance(HoistLifecycle.class).close();
        assertThat(acme.hooksClosed).hasValue(1);
        assertThat(fallback.hooksClosed).hasValue(2);
        injector = null;
    }

    @Test
    void implicitRegistriesOffRefusesAsBeforeNamingTheConfiguredRegistries() {
        ContainerRegistries registries = registries("hoist.implicit-registries = false", fallback, acme);
        assertThatThrownBy(() -> registries.forReference("registry.acme.example/a/app:1"))
                .isInstanceOf(InvalidImageNameException.class)
                .hasMessage("No configured container registry owns 'registry.acme.example/a/app:1' (configured: local"
                        + " (localhost:5000)), and hoist.implicit-registries is false. Add one whose URI it is under to"
                        + " hoist.registries, or name one with --registry.");
        assertThat(acme.hooksMade).hasValue(0);
    }

    @Test
    void withoutADefaultFlavorAnUnclaimedHostIsRefused() {
        ContainerRegistries registries = registries("hoist.registries.local = null\nhoist.default-registry = \"\"", acme);
        assertThat(registries.forReference("registry.acme.example/a/app:1").flavor()).isEqualTo("acme");
        assertThatThrownBy(() -> registries.forReference("quay.io/org/app:1"))
                .isInstanceOf(InvalidImageNameException.class)
                .hasMessage("No configured container registry owns 'quay.io/org/app:1' (none is configured), and no"
                        + " flavor claims host 'quay.io', and there is no 'default' flavor. Add one whose URI it is under"
                        + " to hoist.registries, or name one with --registry.");
    }

    @Test
    void twoFlavorsClaimingAHostFailNamingBoth() {
        Claiming rival = new Claiming("rival", List.of("*.acme.example"));
        ContainerRegistries registries = registries("", fallback, acme, rival);
        assertThatThrownBy(() -> registries.forReference("registry.acme.example/a/app:1"))
                .isInstanceOf(ContestedHostException.class)
                .hasMessageStartingWith("Host 'registry.acme.example' of 'registry.acme.example/a/app:1' is claimed by 2"
                        + " flavors: 'acme' (pattern 'registry.acme.example', a Guice binding of ")
                .hasMessageContaining(", and 'rival' (pattern '*.acme.example', a Guice binding of ")
                .hasMessageEndingWith("Hoist uses none of them for it: remove one of the jars, or configure a registry"
                        + " whose URI owns it in hoist.registries (or name one with --registry).")
                .satisfies(e -> assertThat(((ContestedHostException) e).flavors()).containsExactly("acme", "rival"));
        // A configured owner settles it; other hosts of either flavor are not affected.
        assertThat(registries.forReference("eu.acme-cdn.example/app:1").flavor()).isEqualTo("acme");
    }

    @Test
    void anInvalidClaimIsIgnoredAndReported() {
        Claiming broken = new Claiming("broken", List.of("*.io", "ok.example", "https://bad.example"));
        ContainerRegistries registries = registries("", fallback, broken);
        assertThat(registries.forReference("ok.example/app:1").flavor()).isEqualTo("broken");
        assertThat(registries.forReference("x.io/app:1").flavor()).isEqualTo("default");
        assertThat(registries.hostClaims().problems()).hasSize(2)
                .allSatisfy(problem -> assertThat(problem).startsWith("Flavor 'broken' (a Guice binding of ")
                        .contains("claims an invalid host: Host pattern '"));
    }
}
