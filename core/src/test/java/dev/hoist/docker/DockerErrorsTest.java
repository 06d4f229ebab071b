package dev.hoist.docker;

import static dev.hoist.push.ErrorAssertions.kind;
import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static dev.hoist.push.ErrorAssertions.typeAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PushImageCmd;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.hoist.push.EngineException;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.testing.TestServices;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seam between docker-java and Hoist's typed errors, driven by Mockito rather than a daemon. */
class DockerErrorsTest {

    private static final String IMAGE = "localhost:5000/app:1";

    @Test
    void anImageTheEngineDoesNotHaveIsNotFoundLocally() {
        PushException error = DockerErrors.fromException(IMAGE, "unix:///x.sock",
                new NotFoundException("Status 404: {\"message\":\"An image does not exist locally with the tag: localhost:5000/app\"}"));
        assertThat(error).isInstanceOf(ImageSourceException.class)
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.NOT_FOUND))
                .hasMessageContaining("'localhost:5000/app:1' does not exist in the local Docker engine")
                .hasMessageContaining("docker tag SOURCE localhost:5000/app:1");
    }

    @ParameterizedTest(name = "404 body [{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                                        | EngineException.PROTOCOL     | ENGINE",
        "not found                                                 | EngineException.PROTOCOL     | ENGINE",
        "'{\"error\":\"nope\"}'                                | EngineException.PROTOCOL     | ENGINE",
        "'{\"message\":\"page not found\"}'                    | EngineException.PROTOCOL     | ENGINE",
        "'{\"message\":\"No such image: localhost:5000/app:1\"}' | ImageSourceException.NOT_FOUND | SOURCE",
        "'{\"cause\":\"image not known\",\"message\":\"failed to find image app:1: image not known\",\"response\":404}' | ImageSourceException.NOT_FOUND | SOURCE",
    })
    void only404sWithTheEnginesJsonMessageAreAMissingImage(String body, String expectedType, ErrorKind expectedKind) {
        PushException error = DockerErrors.fromException(IMAGE, "tcp://127.0.0.1:2375 (chosen by DOCKER_HOST)",
                new NotFoundException(body));
        assertThat(typeAndReason(error)).isEqualTo(expectedType);
        assertThat(error.kind()).isEqualTo(expectedKind);
        if (expectedType.equals("EngineException.PROTOCOL")) {
            assertThat(error).hasMessageContaining("tcp://127.0.0.1:2375 (chosen by DOCKER_HOST)");
        }
    }

    @Test
    void a404ToAnOperationAboutNoImageNeverNamesAnImage() {
        DockerErrors.Context version = new DockerErrors.Context(DockerErrors.Context.NO_IMAGE,
                "asking the engine for its version", "unix:///x.sock (chosen by hoist.docker.host)", null);
        PushException error = DockerErrors.fromException(version,
                new NotFoundException("{\"message\":\"No such image: x\"}"));
        assertThat(error).isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.PROTOCOL))
                .hasMessageContaining("unix:///x.sock (chosen by hoist.docker.host)")
                .hasMessageNotContaining("(none)").hasMessageNotContaining("does not exist");
    }

    @Test
    void anErrorToAnOperationAboutNoImageQuotesTheEnginesMessageNotItsJson() {
        DockerErrors.Context version = new DockerErrors.Context(DockerErrors.Context.NO_IMAGE,
                "asking the engine for its version", "unix:///x.sock (chosen by hoist.docker.host)", null);
        // Podman's error bodies put "cause" before "message".
        PushException error = DockerErrors.fromException(version, new com.github.dockerjava.api.exception.InternalServerErrorException(
                "Status 500: {\"cause\":\"boom\",\"message\":\"the service is restarting\",\"response\":500}"));
        assertThat(error).isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.ERROR))
                .hasMessageContaining("the service is restarting").hasMessageNotContaining("\"cause\"");
    }

    @Test
    void anIoFailureTalkingToTheEngineIsAnUnreachableDaemon() {
        RuntimeException wrapped = new RuntimeException(new IOException("No such file or directory"));
        PushException error = DockerErrors.fromException(IMAGE, "unix:///x.sock", wrapped);
        assertThat(error).isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.UNREACHABLE))
                .hasMessage("Cannot reach the Docker daemon at unix:///x.sock: No such file or directory. Start the daemon,"
                        + " or point DOCKER_HOST (config: the docker host setting) at a running one.");
    }

    @Test
    void anEngineThatRefusesOurCredentialsIsAnAuthenticationError() {
        assertThat(DockerErrors.fromException(IMAGE, "h", new UnauthorizedException("unauthorized")))
                .isInstanceOf(RegistryAuthenticationException.class)
                .satisfies(kindAndReason(ErrorKind.AUTHENTICATION, RegistryAuthenticationException.Reason.REFUSED));
    }

    @Test
    void otherEngineErrorsKeepTheEngineWords() {
        assertThat(DockerErrors.fromException(IMAGE, "h", new InternalServerErrorException("disk full")))
                .isExactlyInstanceOf(PushException.class).satisfies(kind(ErrorKind.FAILED)).hasMessage("Pushing 'localhost:5000/app:1' failed: Status 500: disk full");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Get \"http://localhost:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused | RegistryConnectionException.VIA_ENGINE | CONNECTION",
        "Get \"https://nope.invalid/v2/\": dial tcp: lookup nope.invalid: no such host | RegistryConnectionException.VIA_ENGINE | CONNECTION",
        "http: server gave HTTP response to HTTPS client | RegistryConnectionException.VIA_ENGINE | CONNECTION",
        "unauthorized: authentication required | RegistryAuthenticationException.REFUSED | AUTHENTICATION",
        "denied: requested access to the resource is denied | RegistryAuthenticationException.REFUSED | AUTHENTICATION",
        "no basic auth credentials | RegistryAuthenticationException.REFUSED | AUTHENTICATION",
        "An image does not exist locally with the tag: localhost:5000/app | ImageSourceException.NOT_FOUND | SOURCE",
        "invalid reference format | EngineException.REFUSED_NAME | ENGINE",
        "manifest invalid: manifest invalid | PushException | FAILED",
    })
    void errorItemsInThePushStreamAreTyped(String engineMessage, String expectedType, ErrorKind expectedKind) {
        PushException error = DockerErrors.fromEngineMessage(IMAGE, engineMessage, null);
        assertThat(typeAndReason(error)).isEqualTo(expectedType);
        assertThat(error.kind()).isEqualTo(expectedKind);
    }

    @Test
    void anErrorItemFailsThePushEvenThoughTheStreamCompletes() {
        PushException error = pushWithStream(List.of(
                status("Preparing", "abc"),
                error("Get \"http://localhost:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused")));
        assertThat(error).isInstanceOf(RegistryConnectionException.class)
                .satisfies(kindAndReason(ErrorKind.CONNECTION, RegistryConnectionException.Reason.VIA_ENGINE))
                .hasMessageContaining("connection refused")
                .hasMessageContaining("Check that the registry is running");
    }

    @Test
    void aStreamThatEndsWithoutADigestIsAFailureNotASuccess() {
        PushException error = pushWithStream(List.of(status("Pushed", "abc")));
        assertThat(error).isExactlyInstanceOf(PushException.class).satisfies(kind(ErrorKind.FAILED))
                .hasMessageContaining("without reporting the manifest digest");
    }

    @Test
    void theDigestComesFromTheAuxItemOrTheFinalStatusLine() {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        PushStream stream = new PushStream();
        stream.accept(status("1: digest: " + digest + " size: 527", null));
        assertThat(stream.digest()).contains(digest);
    }

    /** Runs DockerEngine.push over a mocked client whose push command replays {@code items}. */
    @SuppressWarnings("unchecked")
    private static PushException pushWithStream(List<ResponseItem> items) {
        DockerClient client = mock(DockerClient.class);
        PushImageCmd command = mock(PushImageCmd.class, RETURNS_SELF);
        when(client.pushImageCmd(anyString())).thenReturn(command);
        when(command.exec(any())).thenAnswer(call -> {
            ResultCallback<PushResponseItem> callback = call.getArgument(0);
            for (ResponseItem item : items) {
                callback.onNext((PushResponseItem) item);
            }
            callback.onComplete();
            return callback;
        });
        try (DockerEngine engine = new DockerEngine(TestServices.dockerSettings("unix:///mock.sock"), settings -> client)) {
            engine.push("localhost:5000/app", "1", java.util.Optional.empty());
            throw new AssertionError("push should have failed");
        } catch (PushException expected) {
            return expected;
        }
    }

    private static ResponseItem status(String status, String id) {
        PushResponseItem item = mock(PushResponseItem.class);
        when(item.getStatus()).thenReturn(status);
        when(item.getId()).thenReturn(id);
        return item;
    }

    private static ResponseItem error(String message) {
        PushResponseItem item = mock(PushResponseItem.class);
        ResponseItem.ErrorDetail detail = mock(ResponseItem.ErrorDetail.class);
        when(detail.getMessage()).thenReturn(message);
        when(item.isErrorIndicated()).thenReturn(true);
        when(item.getErrorDetail()).thenReturn(detail);
        return item;
    }
}
