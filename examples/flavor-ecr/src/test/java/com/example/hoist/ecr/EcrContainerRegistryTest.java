package com.example.hoist.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.spi.HoistException;
import dev.hoist.push.ForeignImageException;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.Hoist;
import dev.hoist.auth.CredentialResolver;
import dev.hoist.config.HoistConfigException;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.registry.ImagePusher;
import dev.hoist.registry.RegistryContext;
import dev.hoist.registry.RegistryFlavorAdapter;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.SettingProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flavor's push hook (the repository check before each push) in a registry core builds, against the fake
 * ECR API, and its load-time settings check; the push itself is a stub that records.
 */
class EcrContainerRegistryTest {

    private static final String DIGEST = "sha256:" + "0".repeat(64);
    private static final String REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String IMAGE = REGISTRY + "/team/app:1";

    private final List<String> pushed = new ArrayList<>();
    private final ImagePusher pusher = (repository, tag, credentials) -> {
        pushed.add(repository + ":" + tag);
        return DIGEST;
    };
    private final EcrFlavor flavor = new EcrFlavor();
    /** The real defaults, from this module's reference.conf. */
    private final Config defaults = ConfigFactory.defaultReference(getClass().getClassLoader())
            .getConfig("hoist.flavors.ecr.registry-defaults");
    private FakeEcrApi ecr;

    @BeforeEach
    void start() throws IOException {
        ecr = FakeEcrApi.start();
    }

    @AfterEach
    void stop() {
        ecr.close();
    }

    /** A registry whose ECR API is the fake, with the fake's key unless {@code settings} says otherwise. */
    private ContainerRegistry registry(String settings) {
        Config config = ConfigFactory.parseString(settings)
                .withFallback(ConfigFactory.parseString("api-endpoint = \"" + ecr.endpoint() + "\"\n"
                        + "access-key-id = " + FakeEcrApi.ACCESS_KEY_ID + "\n"
                        + "secret-access-key = \"" + FakeEcrApi.SECRET_ACCESS_KEY + "\"\n"
                        + "session-token = \"\""))
                .withFallback(defaults);
        return build(config);
    }

    /**
     * A registry built by core as config builds it: core's {@link ContainerRegistry} with this flavor's
     * push hook, pushing through the recording stub with no credentials.
     */
    private ContainerRegistry build(Config config) {
        ComponentSettings settings = new ComponentSettings("prod", flavor.name(),
                ConfigFactory.parseMap(Map.of("uri", REGISTRY)).withFallback(config));
        RegistryContext registries = new RegistryContext() {
            @Override
            public ImagePusher imagePusher() {
                return pusher;
            }

            @Override
            public CredentialResolver credentials(ComponentSettings of, ContainerRegistryFlavor flavor, String host) {
                return new CredentialResolver(List.of());
            }

            @Override
            public String path(String registryName) {
                return "hoist.registries." + registryName;
            }
        };
        ComponentContext context = new ComponentContext() {
            @Override
            public <T> T service(Class<T> type) {
                return type.cast(registries);
            }
        };
        return new RegistryFlavorAdapter(flavor).create(settings, context);
    }

    /** What core's load-time check says of these settings: the flavor's own problems, by key. */
    private List<SettingProblem> check(String settings) {
        Config config = ConfigFactory.parseString(settings).withFallback(ConfigFactory.parseMap(Map.of("uri", REGISTRY)))
                .withFallback(defaults);
        return new RegistryFlavorAdapter(flavor).check(new ComponentSettings("prod", flavor.name(), config));
    }

    @Test
    void pushesWhenTheRepositoryExists() {
        ecr.withRepository("team/app");

        assertThat(registry("").pushImage(IMAGE)).isEqualTo(DIGEST);

        assertThat(ecr.operations()).containsExactly("DescribeRepositories");
        assertThat(ecr.calls()).allMatch(FakeEcrApi.Call::signatureValid);
        assertThat(pushed).containsExactly(IMAGE);
    }

    @Test
    void byDefaultAMissingRepositoryStopsThePushWithTheCommandThatCreatesIt() {
        assertThatThrownBy(() -> registry("").pushImage(IMAGE))
                .isInstanceOf(EcrRepositoryMissingException.class)
                .hasMessageContaining("ECR repository 'team/app' does not exist in registry 'prod' (" + REGISTRY + ")")
                .hasMessageContaining("`aws ecr create-repository --repository-name team/app --region eu-west-1"
                        + " --registry-id 123456789012`")
                .hasMessageContaining("or set create-repository = true on registry 'prod'");

        assertThat(ecr.operations()).containsExactly("DescribeRepositories");
        assertThat(ecr.repositories()).isEmpty();
        assertThat(pushed).isEmpty();
    }

    @Test
    void withCreateRepositoryAMissingRepositoryIsCreatedAndThePushGoesOn() {
        assertThat(registry("create-repository = true").pushImage(IMAGE)).isEqualTo(DIGEST);

        assertThat(ecr.operations()).containsExactly("DescribeRepositories", "CreateRepository");
        assertThat(ecr.repositories()).containsExactly("team/app");
        assertThat(pushed).containsExactly(IMAGE);
    }

    @Test
    void theRepositoryIsEverythingBelowTheHost() {
        ecr.withRepository("org/team/app");

        registry("").pushImage(REGISTRY + "/org/team/app");

        assertThat(ecr.calls()).singleElement().extracting(FakeEcrApi.Call::body).asString()
                .contains("\"repositoryNames\":[\"org/team/app\"]");
        assertThat(pushed).containsExactly(REGISTRY + "/org/team/app:latest");
    }

    @Test
    void missingCredentialsFailThePushAndSayWhatToSet() {
        ContainerRegistry registry = registry("access-key-id = \"\", secret-access-key = \"\"");

        assertThatThrownBy(() -> registry.pushImage(IMAGE))
                .isInstanceOf(AwsCredentialsMissingException.class)
                .hasMessage("Registry 'prod' (flavor ecr) has no AWS credentials for the ECR API: access-key-id"
                        + " (AWS_ACCESS_KEY_ID) and secret-access-key (AWS_SECRET_ACCESS_KEY) are empty. Export"
                        + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials),"
                        + " or set access-key-id and secret-access-key on registry 'prod' in the Hoist config.");
        assertThat(ecr.calls()).isEmpty();
        assertThat(pushed).isEmpty();
    }

    @Test
    void anAbsentSecretIsReportedLikeAnEmptyOne() {
        Config withoutSecret = ConfigFactory.parseString("access-key-id = AKID, api-endpoint = \"" + ecr.endpoint() + "\"")
                .withFallback(defaults.withoutPath(EcrSettings.SECRET_ACCESS_KEY));
        ContainerRegistry registry = build(withoutSecret);

        assertThatThrownBy(() -> registry.pushImage(IMAGE))
                .isInstanceOf(AwsCredentialsMissingException.class)
                .hasMessageContaining("secret-access-key (AWS_SECRET_ACCESS_KEY) is empty");
    }

    @Test
    void refusedCredentialsFailThePushWithoutShowingTheSecret() {
        ContainerRegistry registry = registry("secret-access-key = \"wrong-secret\"");

        assertThatThrownBy(() -> registry.pushImage(IMAGE))
                .isInstanceOf(EcrApiException.class)
                .hasMessageContaining("InvalidSignatureException")
                .message().doesNotContain("wrong-secret");
        assertThat(pushed).isEmpty();
    }

    @Test
    void anImageWithoutARepositoryIsRefusedBeforeAskingEcr() {
        // The registry host alone reads as a Docker Hub name, so core's ownership check refuses it.
        assertThatThrownBy(() -> registry("").pushImage(REGISTRY + ":1"))
                .isInstanceOf(ForeignImageException.class)
                .hasMessageContaining("Tag it as '" + REGISTRY + "/<name>:<tag>' first");
        assertThat(ecr.calls()).isEmpty();
    }

    @Test
    void aForeignImageIsRefusedByCoreBeforeTheHookRuns() {
        assertThatThrownBy(() -> registry("").pushImage("210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/app:1"))
                .isInstanceOf(ForeignImageException.class);
        assertThat(ecr.calls()).isEmpty();
    }

    @Test
    void aWrongSettingFailsCreationWithItsName() {
        assertThatThrownBy(() -> registry("create-repository = sometimes"))
                .isInstanceOf(HoistException.class)
                .hasMessageContaining("Registry 'prod' (flavor ecr) has an invalid setting")
                .hasMessageContaining("create-repository");
        assertThatThrownBy(() -> registry("api-endpoint = \"ftp://ecr.internal/\""))
                .isInstanceOf(HoistException.class)
                .hasMessageContaining("setting api-endpoint is 'ftp://ecr.internal/'")
                .hasMessageContaining("an http(s) URL");
        assertThatThrownBy(() -> registry("api-timeout = 0s"))
                .isInstanceOf(HoistException.class)
                .hasMessageContaining("setting api-timeout is PT0S");
    }

    @Test
    void theDefaultsPassTheLoadTimeCheck() {
        assertThat(check("")).isEmpty();
        assertThat(check("create-repository = true, api-endpoint = \"https://vpce.ecr.internal/\", api-timeout = 5s")).isEmpty();
    }

    @Test
    void theLoadTimeCheckReportsEveryWrongSettingByItsKey() {
        List<SettingProblem> problems = check("create-repository = sometimes, api-endpoint = \"ftp://ecr.internal/\","
                + " api-timeout = 0s, secret-access-key { value = the-secret }");

        assertThat(problems).extracting(SettingProblem::key)
                .containsExactly("create-repository", "api-timeout", "api-endpoint", "secret-access-key");
        assertThat(problems.get(0).message()).contains("Expected true or false; found string");
        assertThat(problems.get(1).message()).contains("Is PT0S; it must be a positive duration");
        assertThat(problems.get(2).message()).contains("Is 'ftp://ecr.internal/'", "an http(s) URL");
        assertThat(problems.get(3).message()).contains("Expected a string").doesNotContain("the-secret");
    }

    @Test
    void hoistRefusesAWrongSettingAtStartWithItsPathAndOrigin() {
        Config config = ConfigFactory.parseString("hoist { default-registry = \"\", registries.local = null,"
                + " registries.prod { flavor = ecr, uri = \"" + REGISTRY + "\", create-repository = sometimes } }");

        assertThatThrownBy(() -> Hoist.builder().config(config).classLoader(getClass().getClassLoader()).build().close())
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registries.prod.create-repository (String: 1): Expected true or false");
        assertThat(ecr.calls()).isEmpty();
    }

    @Test
    void settingsNeverPrintTheirSecrets() {
        Config config = ConfigFactory.parseString("secret-access-key = the-secret, session-token = the-token")
                .withFallback(defaults);
        EcrSettings settings = EcrSettings.read(new ComponentSettings("prod", "ecr", config));

        assertThat(settings.toString()).doesNotContain("the-secret", "the-token").contains("****");
    }
}
