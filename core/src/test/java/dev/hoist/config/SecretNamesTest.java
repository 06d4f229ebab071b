package dev.hoist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.inject.HoistBinders;
import dev.hoist.inject.HoistLifecycle;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.ConfigUnderTest;
import dev.hoist.testing.TestFlavor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registry, component and stack names are the user's: a registry called {@code token} or
 * {@code secret-reg} is no credential, and its flavor and URI show in messages. Only the values
 * of credential keys are hidden.
 */
class SecretNamesTest {

    private static final String CANARY = "CANARY-secret-names-41b7";
    private static final ClassLoader LOADER = SecretNamesTest.class.getClassLoader();
    private static final Map<String, ContainerRegistryFlavor> FLAVORS = Map.of("test", new TestFlavor());

    @ParameterizedTest(name = "registry named {0}")
    @ValueSource(strings = {"secret-reg", "token", "mytoken", "password", "api-key"})
    void aRegistryNamedLikeASecretShowsItsFlavorAndUri(String name) {
        HoistConfigException error = (HoistConfigException) catchThrowable(() -> ConfigUnderTest.load(ConfigFactory.parseString(
                "hoist.registries.local { flavor = test, uri = \"localhost:5000\" }\n"
                        + "hoist.registries." + name + " { flavor = test, uri = \"https://registry.example.com/team\","
                        + " credentials { username = u, password = \"" + CANARY + "\" } }\n"
                        + "hoist.registries.other { flavor = test, uri = \"https://registry.example.com/\" }\n"),
                LOADER, FLAVORS));
        assertThat(error).isNotNull();
        assertThat(error.getMessage())
                .contains("hoist.registries." + name + ".uri (String: 2): Flavor 'test' rejects this URI: Registry URI"
                        + " 'https://registry.example.com/team' has a scheme")
                .contains("hoist.registries.other.uri (String: 3): Flavor 'test' rejects this URI: Registry URI"
                        + " 'https://registry.example.com/' has a scheme")
                .doesNotContain("<hidden>")
                .doesNotContain(CANARY);
    }

    @Test
    void credentialValuesAreStillCollectedWhereverTheyAre() {
        var tree = ConfigFactory.parseString("""
                registries.token { flavor = gitlab, uri = "127.0.0.1:5000/trial"
                  credentials { username = "user-name", password = "pass-one" }, token = "token-one", client-secret = ["secret-one"] }
                registries.secret-reg { flavor = gitlab, uri = "127.0.0.1:5000/trial/proj", api-key { v = "nested-one" } }
                docker.password = "docker-one"
                stacks.password { container-registry = token }
                default-registry { password = "default-one" }
                """).root();
        assertThat(ComponentValues.secretsInTree("hoist", tree)).containsExactlyInAnyOrder(
                "user-name", "pass-one", "token-one", "secret-one", "nested-one", "docker-one", "default-one");
        // Outside Hoist's tree, every key named like a secret counts, objects too.
        assertThat(ComponentValues.secretsIn("", ConfigFactory.parseString("token { uri = \"the-uri\" }").root()))
                .containsExactly("the-uri");
    }

    @Test
    void aSettingOfARegistryNamedLikeASecretIsShownWhileItsCredentialsAreNot() {
        var uri = ConfigFactory.parseString("u = 5").root().get("u");
        assertThat(ComponentValues.describe("hoist.registries.token.uri", uri)).isEqualTo("number 5");
        assertThat(ComponentValues.describe("hoist.registries.token.credentials.password", uri))
                .isEqualTo("number (value not shown: credential setting)");
        assertThat(ComponentValues.describe("hoist.registries.a.token", uri))
                .isEqualTo("number (value not shown: credential setting)");
        var registry = ConfigFactory.parseString("r { flavor = test, uri = \"x\" }").root().get("r");
        assertThat(ComponentValues.describe("hoist.registries.token", registry)).isEqualTo("object {\"flavor\":\"test\",\"uri\":\"x\"}");
        assertThat(ComponentValues.isSecretPath("hoist.registries.secret-reg.uri")).isFalse();
        assertThat(ComponentValues.isSecretPath("hoist.registries.secret-reg.credentials.username")).isTrue();
    }

    @Test
    void anObjectUnderASecretNamedSettingIsStillASecret() {
        // Only a name in registries, stacks or flavors is exempt; a setting named like a secret that holds an
        // object keeps its contents hidden, in describe and in the scrub list alike.
        assertThat(ComponentValues.describe("hoist.registries.r.password",
                ConfigFactory.parseString("v { value = hunter2222 }").getValue("v")))
                .isEqualTo("object (value not shown: credential setting)");
        assertThat(ComponentValues.secretsInTree("hoist", ConfigFactory.parseString(
                "registry-defaults.client-secret { value = zzsecretzz }\ndocker.token { v = dockersecret }").root()))
                .contains("zzsecretzz", "dockersecret");
    }

    @Test
    void theApisFactoryShowsTheFlavorBesideARegistryNamedLikeASecret() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, Hoist.builder().config(ConfigFactory.parseString("""
                        hoist.registries.local { flavor = test, uri = "localhost:5000" }
                        hoist.registries.secret-reg { flavor = test, uri = "127.0.0.1:5000/trial/proj" }
                        hoist.docker.host = "unix:///nonexistent/hoist-test.sock"
                        """)).classLoader(LOADER).module(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        HoistBinders.registryFlavors(binder()).addBinding("test").toInstance(new TestFlavor());
                    }
                });
        try {
            HoistConfigException error = (HoistConfigException) catchThrowable(() -> injector
                    .getInstance(dev.hoist.component.ContainerRegistries.class).create("token", "test",
                            Map.of("uri", "https://127.0.0.1:5000/trial", "credentials", Map.of("username", "u", "password", CANARY))));
            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("Flavor 'test' rejects this URI: Registry URI 'https://127.0.0.1:5000/trial'")
                    .doesNotContain("<hidden>").doesNotContain(CANARY);
        } finally {
            injector.getInstance(HoistLifecycle.class).close();
        }
    }
}
