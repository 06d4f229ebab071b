package dev.hoist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Stage;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.hoist.Hoist;
import dev.hoist.inject.HoistBinders;
import dev.hoist.inject.HoistLifecycle;
import dev.hoist.inject.StartupFailure;
import dev.hoist.testing.ReferenceConf;
import dev.hoist.testing.TestFlavor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #17: a key Hoist does not read is a config problem, at every level, with its path, its
 * origin and the near known key; the known keys come from the reference.conf files.
 */
class UnknownKeysTest {

    private static final String CANARY = "CANARY-unknown-key-7f3a9";

    /** The test flavor declares one key of its own, as a flavor jar does in its reference.conf. */
    private static final ClassLoader LOADER = loader();

    private static final String BASE = """
            hoist.registries.local { flavor = test, uri = "localhost:5000" }
            hoist.docker.host = "unix:///nonexistent/hoist-test.sock"
            """;

    private static ClassLoader loader() {
        try {
            return ReferenceConf.loader(Files.createTempDirectory("hoist-unknown-keys"), """
                    hoist.flavors.test.registry-defaults {
                      # How often the test flavor retries.
                      retries = 1
                    }
                    """, UnknownKeysTest.class.getClassLoader());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Builds Hoist's injector for {@code hocon} over {@link #BASE}, as a host would; empty when the config is fine. */
    private static Optional<HoistConfigException> start(String hocon) {
        return start(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.parseString(BASE)));
    }

    private static Optional<HoistConfigException> start(Config config) {
        try {
            Guice.createInjector(Stage.PRODUCTION, Hoist.builder().config(config).classLoader(LOADER).module(), new AbstractModule() {
                @Override
                protected void configure() {
                    HoistBinders.registryFlavors(binder()).addBinding("test").toInstance(new TestFlavor());
                }
            }).getInstance(HoistLifecycle.class).close();
            return Optional.empty();
        } catch (CreationException failed) {
            RuntimeException unwrapped = StartupFailure.unwrap(failed);
            assertThat(unwrapped).isInstanceOf(HoistConfigException.class);
            return Optional.of((HoistConfigException) unwrapped);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            hoist.defualt-registry = local                                    | hoist.defualt-registry                         | setting 'defualt-registry'; Hoist does not read it. Did you mean 'default-registry'?
            hoist.dokcer.host = x                                             | hoist.dokcer                                   | setting 'dokcer'; Hoist does not read it. Did you mean 'docker'?
            hoist.docker.push-timout = 10s                                    | hoist.docker.push-timout                       | setting 'push-timout'; Hoist does not read it. Did you mean 'push-timeout'?
            hoist.docker.pushTimeout = 10s                                    | hoist.docker.pushTimeout                       | setting 'pushTimeout'; Hoist does not read it. Did you mean 'push-timeout'?
            hoist.auth.helper_timeout = 5s                                    | hoist.auth.helper_timeout                      | setting 'helper_timeout'; Hoist does not read it. Did you mean 'helper-timeout'?
            hoist.plugins.directroy = /x                                      | hoist.plugins.directroy                        | setting 'directroy'; Hoist does not read it. Did you mean 'directory'?
            hoist.registry-defaults.disabled-credential-source = []           | hoist.registry-defaults.disabled-credential-source | setting 'disabled-credential-source'; Hoist does not read it. Did you mean 'disabled-credential-sources'?
            hoist.registries.local.credentails { username = u, password = p } | hoist.registries.local.credentails             | setting 'credentails'; Hoist does not read it. Did you mean 'credentials'?
            hoist.registries.local.url = x                                    | hoist.registries.local.url                     | setting 'url'; Hoist does not read it. Did you mean 'uri'?
            hoist.registries.local.retires = 2                                | hoist.registries.local.retires                 | setting 'retires'; Hoist does not read it. Did you mean 'retries'?
            hoist.registries.local.credentials { username = u, password = p, pasword = p } | hoist.registries.local.credentials.pasword     | credentials setting 'pasword'; Hoist does not read it. Did you mean 'password'?
            hoist.flavors.tset.registry-defaults.retries = 2                  | hoist.flavors.tset                             | container-registry flavor 'tset'. Did you mean 'test'?
            hoist.flavors.test.registry-default.retries = 2                   | hoist.flavors.test.registry-default            | setting 'registry-default'; Hoist does not read it. Did you mean 'registry-defaults'?
            hoist.flavors.test.registry-defaults.retrys = 2                   | hoist.flavors.test.registry-defaults.retrys    | setting 'retrys'; Hoist does not read it. Did you mean 'retries'?
            hoist.stacks.prod.container-registy = local                       | hoist.stacks.prod.container-registy            | component type 'container-registy'. Did you mean 'container-registry'?
            hoist.stacks.prod.step-runner = local                             | hoist.stacks.prod.step-runner                  | component type 'step-runner'. Known here: container-registry.
            hoist.docker.colour = blue                                        | hoist.docker.colour                            | setting 'colour'; Hoist does not read it. Known here: cert-path, config-dir, connect-timeout, host, idle-timeout, push-timeout, tls-verify.
            """)
    void aTypoAtEachLevelIsOneProblemWithPathOriginAndTheNearKey(String hocon, String path, String message) {
        HoistConfigException error = start(hocon).orElseThrow();
        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.origin()).isEqualTo("String: 1");
            assertThat(problem.message()).isEqualTo("Unknown " + message);
        });
    }

    @Test
    void aTypoOfFlavorIsNamedBesideTheMissingFlavorButOtherKeysAreNotJudgedWithoutOne() {
        HoistConfigException error = start("hoist.registries.sysreg { flavr = test, uri = \"127.0.0.1:5000\", retries = 2 }")
                .orElseThrow();
        assertThat(error.problems()).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("hoist.registries.sysreg.flavor", "hoist.registries.sysreg.flavr");
        assertThat(error.problems()).filteredOn(problem -> problem.path().endsWith("flavr")).singleElement()
                .satisfies(problem -> assertThat(problem.message())
                        .isEqualTo("Unknown setting 'flavr'; Hoist does not read it. Did you mean 'flavor'?"));
    }

    @Test
    void everyUnknownKeyIsReportedAtOnceWithTheOtherProblems() {
        HoistConfigException error = start("""
                hoist.docker.push-timout = 10s
                hoist.docker.push-timeout = -1s
                hoist.registries.local.extra = 1
                hoist.registries.bad { flavor = test, uri = "https://x.io" }
                """).orElseThrow();
        assertThat(error.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "hoist.docker.push-timout", "hoist.docker.push-timeout", "hoist.registries.local.extra", "hoist.registries.bad.uri");
    }

    @Test
    void theValueOfAnUnknownKeyIsNeverShown() {
        HoistConfigException error = start("""
                hoist.docker.passwrod = "%1$s"
                hoist.registries.local.tokne = "%1$s"
                hoist.registries.local.credentials { username = u, password = "%1$s", secert = "%1$s" }
                hoist.stacks.prod { token = "%1$s" }
                hoist.flavors.test.registry-defaults.pasword = "%1$s"
                """.formatted(CANARY)).orElseThrow();
        assertThat(error.problems()).hasSize(5);
        assertThat(error.getMessage()).doesNotContain(CANARY);
    }

    /**
     * Every key that the reference.conf files declare, each with a valid value, in one config: no
     * false alarm. Built from reference.conf, so that a new key is covered without editing this test.
     */
    @Test
    void aConfigWithEveryDocumentedKeyLoadsWithoutAProblem() {
        Config reference = ConfigFactory.defaultReference(LOADER).getConfig(HoistConfig.ROOT);
        // The keys without a default (null in reference.conf) need a value to show they are accepted.
        Map<String, Object> noDefault = Map.of(
                "uri", "registry.example.com/team",
                "credentials", Map.of("username", "bot", "password", "p4ss"),
                "credentials-helper", "ecr-login");
        Map<String, Object> registry = new TreeMap<>();
        ConfigObject defaults = reference.getObject("registry-defaults");
        defaults.forEach((key, value) -> {
            if (value.valueType() == ConfigValueType.NULL) {
                assertThat(noDefault).as("a value for registry-defaults.%s, which has no default", key).containsKey(key);
                registry.put(key, noDefault.get(key));
            } else {
                registry.put(key, value.unwrapped());
            }
        });
        reference.getObject("flavors.test.registry-defaults").forEach((key, value) -> registry.put(key, value.unwrapped()));
        registry.put("flavor", "test");
        Config everything = ConfigFactory.empty()
                .withValue("hoist.registries.all", ConfigValueFactory.fromMap(registry))
                .withValue("hoist.stacks.prod.container-registry", ConfigValueFactory.fromAnyRef("all"))
                .withValue("hoist.registry-defaults", withoutNulls(defaults))
                .withValue("hoist.flavors.test.registry-defaults", reference.getValue("flavors.test.registry-defaults"))
                .withFallback(ConfigFactory.parseString(BASE))
                // Every other key as reference.conf has it, as if copied into application.conf.
                .withFallback(reference.atPath(HoistConfig.ROOT));
        assertThat(everything.getObject("hoist").keySet()).containsAll(reference.root().keySet());
        assertThat(start(everything)).isEmpty();
    }

    private static ConfigValue withoutNulls(ConfigObject object) {
        Map<String, Object> kept = new TreeMap<>();
        object.forEach((key, value) -> {
            if (value.valueType() != ConfigValueType.NULL) {
                kept.put(key, value.unwrapped());
            }
        });
        return ConfigValueFactory.fromMap(kept);
    }

    @Test
    void aFlavorsOwnKeyIsKnownOnlyForItsRegistriesAndInTheTypeDefaults() {
        assertThat(start("hoist.registries.local.retries = 4")).isEmpty();
        assertThat(start("hoist.registry-defaults.retries = 4")).isEmpty();
        assertThat(start("hoist.flavors.test.registry-defaults.retries = 4")).isEmpty();
    }

    @Test
    void theMapFactoryRefusesUnknownKeysWithBareKeys() {
        com.google.inject.Injector injector = Guice.createInjector(Stage.PRODUCTION,
                Hoist.builder().config(ConfigFactory.parseString(BASE)).classLoader(LOADER).module(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        HoistBinders.registryFlavors(binder()).addBinding("test").toInstance(new TestFlavor());
                    }
                });
        try {
            HoistConfigException error = (HoistConfigException) catchThrowable(() -> injector
                    .getInstance(dev.hoist.component.ContainerRegistries.class).create("db", "test", Map.of("uri", "localhost:5000",
                            "urii", "x", "credentials", Map.of("username", "u", "password", CANARY, "passwrd", CANARY))));
            assertThat(error.problems()).extracting(ConfigProblem::path, ConfigProblem::message).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("urii", "Unknown setting 'urii'; Hoist does not read it. Did you mean 'uri'?"),
                    org.assertj.core.groups.Tuple.tuple("credentials.passwrd",
                            "Unknown credentials setting 'passwrd'; Hoist does not read it. Did you mean 'password'?"));
            assertThat(error.getMessage()).doesNotContain(CANARY);
        } finally {
            injector.getInstance(HoistLifecycle.class).close();
        }
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(textBlock = """
            push-timout,       push-timeout
            push-timeoutt,     push-timeout
            psuh-timeout,      push-timeout
            pushTimeout,       push-timeout
            push_timeout,      push-timeout
            PUSH-TIMEOUT,      push-timeout
            defualt-registry,  default-registry
            hots,              host
            url,               uri
            tls-verfy,         tls-verify
            timeout,           ''
            registry,          ''
            xyz,               ''
            push,              ''
            """)
    void didYouMeanOnlyWhenClose(String typed, String expected) {
        List<String> known = List.of("push-timeout", "idle-timeout", "connect-timeout", "default-registry", "host", "uri",
                "tls-verify", "registries");
        assertThat(UnknownKeys.closest(typed, known)).isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(expected));
    }
}
