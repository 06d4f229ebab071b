package com.example.hoist.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.InvalidImageNameException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.config.HoistConfigException;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.PushHook;
import dev.hoist.spi.SettingProblem;
import dev.hoist.testkit.PushHookHarness;
import dev.hoist.testkit.TestHoist;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flavor's push hook (the repository check before each push) in a registry core builds, against the fake
 * ECR API, and its load-time settings check. {@link PushHookHarness} builds the registry as core does, with this
 * module's reference.conf defaults, and records the push instead of making it.
 */
class EcrContainerRegistryTest {

    private static final String DIGEST = "sha256:" + "0".repeat(64);
    private static final String REGISTRY = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String IMAGE = REGISTRY + "/team/app:1";

    private final EcrFlavor flavor = new EcrFlavor();
    private final PushHookHarness harness = PushHookHarness.of(flavor);
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

    /** Settings whose ECR API is the fake, with the fake's key unless {@code settings} says otherwise. */
    private Config settings(String settings) {
        return ConfigFactory.parseString(settings)
                .withFallback(ConfigFactory.parseString("api-endpoint = \"" + ecr.endpoint() + "\"\n"
                        + "access-key-id = " + FakeEcrApi.ACCESS_KEY_ID + "\n"
                        + "secret-access-key = \"" + FakeEcrApi.SECRET_ACCESS_KEY + "\"\n"
                        + "session-token = \"\""));
    }

    /** Registry 'prod', built by core through the harness: settings checked, then this flavor's push hook. */
    private ContainerRegistry registry(String settings) {
        return harness.registry("prod", REGISTRY, settings(settings));
    }

    /**
     * The hook alone, for settings that core's check would refuse or that reference.conf always
     * supplies: what the flavor does if they reach it anyway.
     */
    private PushHook hook(Config config) {
        ComponentSettings settings = new ComponentSettings("prod", flavor.name(),
                ConfigFactory.parseMap(Map.of("uri", REGISTRY)).withFallback(config));
        ComponentContext noServices = new ComponentContext() {
            @Override
            public <T> T service(Class<T> type) {
                throw new AssertionError("ecr asks for no service, but asked for " + type.getName());
            }
        };
        return flavor.pushHook(settings, noServices).orElseThrow();
    }

    private static PushHook.Target target(String image, String repository, String tag) {
        return new PushHook.Target("prod", REGISTRY, image, repository, tag, List.of(repository.split("/")));
    }

    /** What the flavor's load-time check says of these settings, by key. */
    private List<SettingProblem> check(String settings) {
        Config config = ConfigFactory.parseString(settings).withFallback(ConfigFactory.parseMap(Map.of("uri", REGISTRY)))
                .withFallback(defaults);
        return flavor.check(new ComponentSettings("prod", flavor.name(), config));
    }

    @Test
    void pushesWhenTheRepositoryExists() {
        ecr.withRepository("team/app");

        assertThat(registry("").pushImage(IMAGE)).isEqualTo(DIGEST);

        assertThat(ecr.operations()).containsExactly("DescribeRepositories");
        assertThat(ecr.calls()).allMatch(FakeEcrApi.Call::signatureValid);
        assertThat(harness.pushed()).containsExactly(IMAGE);
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
        assertThat(harness.pushed()).isEmpty();
    }

    @Test
    void withCreateRepositoryAMissingRepositoryIsCreatedAndThePushGoesOn() {
        assertThat(registry("create-repository = true").pushImage(IMAGE)).isEqualTo(DIGEST);

        assertThat(ecr.operations()).containsExactly("DescribeRepositories", "CreateRepository");
        assertThat(ecr.repositories()).containsExactly("team/app");
        assertThat(harness.pushed()).containsExactly(IMAGE);
    }

    @Test
    void theRepositoryIsEverythingBelowTheHost() {
        ecr.withRepository("org/team/app");

        registry("").pushImage(REGISTRY + "/org/team/app");

        assertThat(ecr.calls()).singleElement().extracting(FakeEcrApi.Call::body).asString()
                .contains("\"repositoryNames\":[\"org/team/app\"]");
        assertThat(harness.pushed()).containsExactly(REGISTRY + "/org/team/app:latest");
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
        assertThat(harness.pushed()).isEmpty();
    }

    @Test
    void anAbsentSecretIsReportedLikeAnEmptyOne() {
        // reference.conf always declares the key, so only a hook built by hand can miss it.
        Config withoutSecret = ConfigFactory.parseString("access-key-id = AKID, api-endpoint = \"" + ecr.endpoint() + "\"")
                .withFallback(defaults.withoutPath(EcrSettings.SECRET_ACCESS_KEY));
        PushHook hook = hook(withoutSecret);

        assertThatThrownBy(() -> hook.beforePush(target(IMAGE, "team/app", "1")))
                .isInstanceOf(AwsCredentialsMissingException.class)
                .hasMessageContaining("secret-access-key (AWS_SECRET_ACCESS_KEY) is empty");
        assertThat(ecr.calls()).isEmpty();
    }

    @Test
    void refusedCredentialsFailThePushWithoutShowingTheSecret() {
        ContainerRegistry registry = registry("secret-access-key = \"wrong-secret\"");

        assertThatThrownBy(() -> registry.pushImage(IMAGE))
                .isInstanceOf(EcrApiException.class)
                .hasMessageContaining("InvalidSignatureException")
                .message().doesNotContain("wrong-secret");
        assertThat(harness.pushed()).isEmpty();
    }

    @Test
    void anImageWithoutARepositoryIsRefusedBeforeAskingEcr() {
        // The registry host alone reads as a Docker Hub name, so core's ownership check refuses it.
        assertThatThrownBy(() -> registry("").pushImage(REGISTRY + ":1"))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(e -> assertThat(((InvalidImageNameException) e).reason()).isEqualTo(InvalidImageNameException.Reason.FOREIGN))
                .satisfies(e -> assertThat(((InvalidImageNameException) e).kind()).isEqualTo(ErrorKind.IMAGE_NAME))
                .hasMessageContaining("Tag it as '" + REGISTRY + "/<name>:<tag>' first");
        assertThat(ecr.calls()).isEmpty();
    }

    @Test
    void aForeignImageIsRefusedByCoreBeforeTheHookRuns() {
        assertThatThrownBy(() -> registry("").pushImage("210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/app:1"))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(e -> assertThat(((InvalidImageNameException) e).reason()).isEqualTo(InvalidImageNameException.Reason.FOREIGN))
                .satisfies(e -> assertThat(((InvalidImageNameException) e).kind()).isEqualTo(ErrorKind.IMAGE_NAME));
        assertThat(ecr.calls()).isEmpty();
    }

    @Test
    void aWrongSettingIsRefusedBeforeTheRegistryIsBuilt() {
        assertThatThrownBy(() -> registry("create-repository = sometimes"))
                .isInstanceOf(HoistException.class)
                .hasMessageContaining("Flavor 'ecr' refuses these settings")
                .hasMessageContaining("create-repository");
        assertThat(ecr.calls()).isEmpty();
    }

    @Test
    void aWrongSettingThatReachesTheHookAnywayFailsWithItsName() {
        assertThatThrownBy(() -> hook(settings("create-repository = sometimes").withFallback(defaults)))
                .isInstanceOf(HoistException.class)
                .hasMessageContaining("Registry 'prod' (flavor ecr) has an invalid setting")
                .hasMessageContaining("create-repository");
        assertThatThrownBy(() -> hook(settings("api-endpoint = \"ftp://ecr.internal/\"").withFallback(defaults)))
                .isInstanceOf(HoistException.class)
                .hasMessageContaining("setting api-endpoint is 'ftp://ecr.internal/'")
                .hasMessageContaining("an http(s) URL");
        assertThatThrownBy(() -> hook(settings("api-timeout = 0s").withFallback(defaults)))
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
        // TestHoist: Hoist with only core and this flavor, the embedded 'local' registry removed.
        assertThatThrownBy(() -> TestHoist.with("hoist.registries.prod { flavor = ecr, uri = \"" + REGISTRY + "\","
                + " create-repository = sometimes }").close())
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registries.prod.create-repository (String: 1): Expected true or false");
        assertThat(ecr.calls()).isEmpty();
    }

    @Test
    void hoistRunsTheHookBeforeAnyCredentialOrEngineIsUsed() {
        String config = "hoist.registries.prod { flavor = ecr, uri = \"" + REGISTRY + "\", api-endpoint = \""
                + ecr.endpoint() + "\", access-key-id = " + FakeEcrApi.ACCESS_KEY_ID + ", secret-access-key = \""
                + FakeEcrApi.SECRET_ACCESS_KEY + "\", session-token = \"\" }";
        try (var hoist = TestHoist.with(config)) {
            ContainerRegistry prod = hoist.registry("prod");

            assertThat(prod.uri()).isEqualTo(REGISTRY);
            // The repository is missing: the hook stops the push before the engine is reached.
            assertThatThrownBy(() -> prod.pushImage(IMAGE)).isInstanceOf(EcrRepositoryMissingException.class);
        }
        assertThat(ecr.operations()).containsExactly("DescribeRepositories");
    }

    @Test
    void settingsNeverPrintTheirSecrets() {
        Config config = ConfigFactory.parseString("secret-access-key = the-secret, session-token = the-token")
                .withFallback(defaults);
        EcrSettings settings = EcrSettings.read(new ComponentSettings("prod", "ecr", config));

        assertThat(settings.toString()).doesNotContain("the-secret", "the-token").contains("****");
    }
}
