package com.example.hoist.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EcrApiClientTest {

    private static final EcrRegistryHost REGISTRY = new EcrRegistryHost("123456789012", FakeEcrApi.REGION, false);
    private static final AwsCredentials KEY = new AwsCredentials(FakeEcrApi.ACCESS_KEY_ID,
            SecretText.of(FakeEcrApi.SECRET_ACCESS_KEY), Optional.empty());
    private static final String AUTHORIZATION_SHAPE = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/[0-9]{8}/eu-west-1/ecr/aws4_request,"
            + " SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}";

    private FakeEcrApi ecr;

    @BeforeEach
    void start() throws IOException {
        ecr = FakeEcrApi.start();
    }

    @AfterEach
    void stop() {
        ecr.close();
    }

    private EcrApiClient client(AwsCredentials credentials) {
        return new EcrApiClient(ecr.endpoint(), REGISTRY, () -> credentials, Duration.ofSeconds(10), Clock.systemUTC());
    }

    @Test
    void describesAnExistingRepositoryWithASignedJsonCall() {
        ecr.withRepository("team/app");

        assertThat(client(KEY).exists("team/app")).isTrue();

        assertThat(ecr.calls()).singleElement().satisfies(call -> {
            assertThat(call.target()).isEqualTo("AmazonEC2ContainerRegistry_V20150921.DescribeRepositories");
            assertThat(call.headers()).containsEntry("content-type", "application/x-amz-json-1.1");
            assertThat(call.headers().get("authorization")).matches(AUTHORIZATION_SHAPE);
            assertThat(call.signatureValid()).isTrue();
            assertThat(call.body()).isEqualTo("{\"registryId\":\"123456789012\",\"repositoryNames\":[\"team/app\"]}");
        });
    }

    @Test
    void aMissingRepositoryIsNotAnError() {
        assertThat(client(KEY).exists("team/app")).isFalse();
        assertThat(ecr.operations()).containsExactly("DescribeRepositories");
    }

    @Test
    void createsARepository() {
        client(KEY).create("team/app");

        assertThat(ecr.repositories()).containsExactly("team/app");
        assertThat(ecr.calls()).singleElement().satisfies(call -> {
            assertThat(call.target()).isEqualTo("AmazonEC2ContainerRegistry_V20150921.CreateRepository");
            assertThat(call.body()).isEqualTo("{\"registryId\":\"123456789012\",\"repositoryName\":\"team/app\"}");
            assertThat(call.signatureValid()).isTrue();
        });
    }

    @Test
    void creatingARepositoryThatAppearedMeanwhileIsFine() {
        ecr.withRepository("team/app");

        client(KEY).create("team/app");

        assertThat(ecr.operations()).containsExactly("CreateRepository");
    }

    @Test
    void temporaryCredentialsSendAndSignTheSessionToken() {
        AwsCredentials temporary = new AwsCredentials(FakeEcrApi.ACCESS_KEY_ID, SecretText.of(FakeEcrApi.SECRET_ACCESS_KEY),
                Optional.of(SecretText.of("the-session-token")));

        client(temporary).exists("team/app");

        assertThat(ecr.calls()).singleElement().satisfies(call -> {
            assertThat(call.headers()).containsEntry("x-amz-security-token", "the-session-token");
            assertThat(call.headers().get("authorization"))
                    .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,");
            assertThat(call.signatureValid()).isTrue();
        });
    }

    @Test
    void aRefusedSignatureSaysToCheckTheCredentialsWithoutShowingThem() {
        AwsCredentials wrong = new AwsCredentials(FakeEcrApi.ACCESS_KEY_ID, SecretText.of("not-the-secret-key"), Optional.empty());

        assertThatThrownBy(() -> client(wrong).exists("team/app"))
                .isInstanceOf(EcrApiException.class)
                .hasMessageContaining("DescribeRepositories for repository 'team/app' at " + ecr.endpoint())
                .hasMessageContaining("HTTP 400 InvalidSignatureException: The request signature we calculated")
                .hasMessageContaining("Check the AWS credentials")
                .message().doesNotContain("not-the-secret-key");
    }

    @Test
    void secretsThatAwsEchoesBackAreRedacted() {
        AwsCredentials temporary = new AwsCredentials(FakeEcrApi.ACCESS_KEY_ID, SecretText.of(FakeEcrApi.SECRET_ACCESS_KEY),
                Optional.of(SecretText.of("the-session-token")));
        // AWS quotes the canonical request, token header included, when a signature does not match.
        ecr.answerEveryCallWith(403, "{\"__type\":\"InvalidSignatureException\",\"message\":\"The Canonical String"
                + " for this request should have been 'x-amz-security-token:the-session-token'\"}");

        assertThatThrownBy(() -> client(temporary).exists("team/app"))
                .isInstanceOf(EcrApiException.class)
                .hasMessageContaining("x-amz-security-token:****")
                .message().doesNotContain("the-session-token");
    }

    @Test
    void anUnexpectedAnswerNamesTheCallTheStatusAndTheError() {
        ecr.answerEveryCallWith(500, "{\"__type\":\"ServerException\",\"message\":\"Internal error\"}");

        assertThatThrownBy(() -> client(KEY).create("team/app"))
                .isInstanceOf(EcrApiException.class)
                .hasMessage("ECR API call CreateRepository for repository 'team/app' at " + ecr.endpoint()
                        + " failed: HTTP 500 ServerException: Internal error.");
    }

    @Test
    void anUnreachableEndpointSaysSo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/");
        EcrApiClient client = new EcrApiClient(nowhere, REGISTRY, () -> KEY, Duration.ofSeconds(5), Clock.systemUTC());

        assertThatThrownBy(() -> client.exists("team/app"))
                .isInstanceOf(EcrApiException.class)
                .hasMessageStartingWith("Cannot reach the ECR API for DescribeRepositories for repository 'team/app' at " + nowhere)
                .hasMessageContaining("api-endpoint");
    }

    @Test
    void theSignedHostIsTheOneHttpClientSends() {
        assertThat(EcrApiClient.hostHeader(URI.create("https://api.ecr.eu-west-1.amazonaws.com/")))
                .isEqualTo("api.ecr.eu-west-1.amazonaws.com");
        assertThat(EcrApiClient.hostHeader(URI.create("https://api.ecr.eu-west-1.amazonaws.com:443/")))
                .isEqualTo("api.ecr.eu-west-1.amazonaws.com");
        assertThat(EcrApiClient.hostHeader(URI.create("http://127.0.0.1:8080/"))).isEqualTo("127.0.0.1:8080");
        assertThat(EcrApiClient.hostHeader(URI.create("http://proxy.internal:443/"))).isEqualTo("proxy.internal:443");
    }
}
