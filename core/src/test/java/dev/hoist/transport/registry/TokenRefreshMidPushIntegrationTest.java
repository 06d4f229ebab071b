package dev.hoist.transport.registry;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.testing.FaultProxy;
import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TokenServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12's token refresh: the token registry (through {@link FaultProxy}) refuses the token in the middle of a
 * push, after the blobs went up with it, by answering the manifest {@code PUT} with 401 and a Bearer challenge;
 * Hoist fetches a new token once, for the challenge's scopes, and the push goes on. A second 401 after that refresh
 * is never retried.
 */
class TokenRefreshMidPushIntegrationTest extends RegistryApiTestBase {

    @TempDir
    Path dir;

    private static String challenge(String repository) throws Exception {
        HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + RegistryApiServices.tokenRegistry() + "/v2/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String challenge = answer.headers().firstValue("WWW-Authenticate").orElseThrow();
        return challenge + ",scope=\"repository:" + repository + ":pull,push\",error=\"invalid_token\"";
    }

    @Test
    void aTokenRefusedMidPushIsReplacedOnceAndThePushGoesOn() throws Exception {
        String repository = "hoist-it/midpush-" + TestImages.uniqueTag();
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(1_200_000, 80_000), "app:1",
                dir.resolve("a.tar"), false);
        try (FaultProxy proxy = new FaultProxy(RegistryApiServices.tokenRegistry());
             RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            FaultProxy.Rule refused = proxy.rule("PUT", "/manifests/", new FaultProxy.Unauthorized(challenge(repository)), 1);
            RegistryTarget target = new RegistryTarget(proxy.address(), repository, "1", Optional.empty(), false);
            PushResult result = transport.push(ImageSource.dockerArchive(archive), target, Registry.TOKEN.credentials());

            assertThat(refused.fired()).isEqualTo(1);
            assertThat(proxy.count("PUT", "/blobs/uploads/.*digest=", 201)).as("blobs went up with the first token").isEqualTo(3);
            List<TokenServer.Request> requests = TokenServer.get().requests();
            assertThat(requests).as("one token, then one refresh").hasSize(2);
            assertThat(requests.get(1).scopes()).contains("repository:" + repository + ":pull,push");
            assertThat(proxy.count("PUT", "/manifests/", 201)).isEqualTo(1);
            // Read back through the real registry, not the proxy.
            assertSkopeoAgrees(new PushResult(RegistryApiServices.tokenRegistry() + "/" + repository + ":1",
                    result.digest(), result.mediaType(), result.size(), result.transport(), result.layers(),
                    result.bytesUploaded(), result.durationMs()), Registry.TOKEN);
        }
    }

    @Test
    void a401AfterTheRefreshIsNotRetried() throws Exception {
        String repository = "hoist-it/midpush-" + TestImages.uniqueTag();
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(80_000), "app:1", dir.resolve("a.tar"), false);
        try (FaultProxy proxy = new FaultProxy(RegistryApiServices.tokenRegistry());
             RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            FaultProxy.Rule refused = proxy.rule("PUT", "/manifests/", new FaultProxy.Unauthorized(challenge(repository)), 10);
            RegistryTarget target = new RegistryTarget(proxy.address(), repository, "1", Optional.empty(), false);
            assertThatThrownBy(() -> transport.push(ImageSource.dockerArchive(archive), target, Registry.TOKEN.credentials()))
                    .isInstanceOf(RegistryAuthenticationException.class)
                    .satisfies(kindAndReason(ErrorKind.AUTHENTICATION, RegistryAuthenticationException.Reason.REFUSED))
                    .hasMessageContaining("401");
            assertThat(refused.fired()).as("the PUT and its one repeat after the refresh").isEqualTo(2);
            assertThat(TokenServer.get().requests()).hasSize(2);
        }
    }
}
