package dev.hoist.push;

import static dev.hoist.push.ErrorAssertions.kind;
import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.spi.CredentialLookupException;
import dev.hoist.spi.HoistException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kinds and the exit codes they give: the README's "Exit codes", a contract. */
class ErrorKindTest {

    @Test
    void everyKindHasTheExitCodeOfTheReadme() {
        assertThat(ErrorKind.CANCELLED.exitCode()).isEqualTo(130);
        assertThat(ErrorKind.CONFIGURATION.exitCode()).isEqualTo(2);
        assertThat(Arrays.stream(ErrorKind.values()).filter(k -> k != ErrorKind.CANCELLED && k != ErrorKind.CONFIGURATION))
                .allSatisfy(k -> assertThat(k.exitCode()).as(k.name()).isEqualTo(1));
    }

    @Test
    void anErrorOfNoKindIsFailedAndACredentialSourcesFailureIsConfiguration() {
        assertThat(ErrorKind.of(new IllegalStateException("x"))).isEqualTo(ErrorKind.FAILED);
        assertThat(ErrorKind.of(new HoistException("x"))).isEqualTo(ErrorKind.FAILED);
        assertThat(ErrorKind.of(new CredentialLookupException("helper missing", null))).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(PushException.failed("app:1", "disk full", null)).satisfies(kind(ErrorKind.FAILED))
                .hasMessage("Pushing 'app:1' failed: disk full");
        assertThat(new PushCancelledException("cancelled", null)).satisfies(kind(ErrorKind.CANCELLED));
    }

    @Test
    void whatNamesTheEngineIsConfigurationTheEngineItselfIsEngine() {
        assertThat(EngineException.Reason.values()).allSatisfy(reason -> assertThat(reason.kind())
                .isEqualTo(List.of(EngineException.Reason.CONTEXT_NOT_FOUND, EngineException.Reason.UNUSABLE_FILE,
                        EngineException.Reason.INVALID_HOST).contains(reason) ? ErrorKind.CONFIGURATION : ErrorKind.ENGINE));
        EngineException context = EngineException.contextNotFound("ci", "DOCKER_CONTEXT", Path.of("/c/meta"),
                "it has no meta.json there", "hoist.docker.host");
        assertThat(context).satisfies(kindAndReason(ErrorKind.CONFIGURATION, EngineException.Reason.CONTEXT_NOT_FOUND))
                .hasMessage("Docker context 'ci' (named by DOCKER_CONTEXT) cannot be used: it has no meta.json there"
                        + " (searched /c/meta). Create it with docker context create, pick another with DOCKER_CONTEXT"
                        + " or docker context use, or set hoist.docker.host.");
        assertThat(context.context()).contains("ci");
        EngineException timeout = EngineException.timeout("pushing 'a:1'", "unix:///s", "no connection within 5s",
                "hoist.docker.connect-timeout", null);
        assertThat(timeout).satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.TIMEOUT));
        assertThat(timeout.setting()).contains("hoist.docker.connect-timeout");
        assertThat(timeout.context()).isEmpty();
        EngineException none = EngineException.notFound(List.of("DOCKER_HOST (not set)"), "hoist.docker.host");
        assertThat(none.tried()).containsExactly("DOCKER_HOST (not set)");
        assertThat(none.setting()).isEmpty();
    }

    @Test
    void theImageNameAndTheSourceKeepTheirMessages() {
        assertThat(InvalidImageNameException.foreign("ghcr.io/a/b:1", "local", "localhost:5000"))
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.FOREIGN))
                .hasMessage("Image 'ghcr.io/a/b:1' does not belong to container registry 'local' (localhost:5000). Tag it"
                        + " as 'localhost:5000/<name>:<tag>' first, or push it through the registry its name points at.");
        assertThat(ImageSourceException.digestMismatch("oci:/l", "layer 1", "sha256:aa", "sha256:bb"))
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.DIGEST_MISMATCH))
                .hasMessage("The layer 1 of oci:/l is damaged: its bytes hash to sha256:bb but the image says sha256:aa."
                        + " Re-create the archive or layout and push again.");
        assertThat(RegistryConnectionException.viaEngine("r:5000/a:1", "dial tcp: connection refused"))
                .satisfies(kindAndReason(ErrorKind.CONNECTION, RegistryConnectionException.Reason.VIA_ENGINE))
                .hasMessage("The Docker engine could not reach the registry of 'r:5000/a:1': dial tcp: connection"
                        + " refused. Check that the registry is running and that its host and port are right.");
    }
}
