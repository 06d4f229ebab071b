package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.api.InvalidImageReferenceException;
import dev.hoist.api.ReferencePart;
import dev.hoist.component.NoDefaultRegistryException;
import dev.hoist.component.UnknownComponentException;
import dev.hoist.config.ConfigProblem;
import dev.hoist.config.HoistConfigException;
import dev.hoist.discovery.FlavorDiscoveryException;
import dev.hoist.discovery.FlavorFailureException;
import dev.hoist.discovery.UnknownFlavorException;
import dev.hoist.plugin.PluginException;
import dev.hoist.push.EngineException;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.push.PushCancelledException;
import dev.hoist.push.PushException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.push.RegistryException;
import dev.hoist.spi.CredentialLookupException;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.InvalidRegistryUriException;
import dev.hoist.spi.StackComponentType;
import dev.hoist.stack.InvalidStackException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** One property, the error's kind, gives the exit code: the README's "Exit codes" table, case by case. */
class ExitCodeTest {

    @Test
    void theKindsExitCodesAreTheClisContract() {
        assertThat(ErrorKind.CANCELLED.exitCode()).isEqualTo(ExitCode.CANCELLED);
        assertThat(ErrorKind.CONFIGURATION.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(ErrorKind.FAILED.exitCode()).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void usageAndConfigurationErrorsExitTwo() {
        List<Throwable> usage = List.of(
                new CommandLine.ParameterException(new CommandLine(new HoistCli()), "bad"),
                new UnknownFlavorException("nope", "container-registry", List.of("default"), List.of()),
                new UnknownComponentException(StackComponentType.CONTAINER_REGISTRY, "nope", List.of("local"), "hoist"),
                new NoDefaultRegistryException("hoist.default-registry", List.of()),
                new HoistConfigException(List.of(new ConfigProblem("hoist.x", "test", "is wrong"))),
                new FlavorDiscoveryException("ContainerRegistryFlavor", List.of("a duplicate")),
                new PluginException("no such directory", null),
                new CredentialLookupException("helper missing", null),
                EngineException.contextNotFound("ci", "DOCKER_CONTEXT", Path.of("/m"), "gone", "hoist.docker.host"),
                EngineException.unusableFile(Path.of("/c.json"), "it is not valid JSON", "hoist.docker.host"),
                EngineException.invalidHost("DOCKER_HOST", "Docker endpoint 'x' is not accepted.", "Fix it"));
        assertThat(usage).allSatisfy(error -> assertThat(HoistCli.exitCodeOf(error)).as(error.toString())
                .isEqualTo(ExitCode.USAGE));
    }

    @Test
    void aCancelledPushExits130() {
        assertThat(HoistCli.exitCodeOf(new PushCancelledException("cancelled", null))).isEqualTo(ExitCode.CANCELLED);
    }

    @Test
    void everyOtherFailureExitsOne() {
        List<Throwable> failed = List.of(
                PushException.failed("a:1", "disk full", null),
                InvalidImageNameException.invalid("a@sha256:x", "it names a digest"),
                InvalidImageNameException.foreign("ghcr.io/a:1", "local", "localhost:5000"),
                ImageSourceException.invalid("not a tar", null),
                ImageSourceException.notFoundLocally("a:1", null),
                ImageSourceException.digestMismatch("oci:/l", "layer 1", "sha256:a", "sha256:b"),
                RegistryAuthenticationException.refused("a:1", "denied"),
                RegistryAuthenticationException.insecureRealm("r", "plain HTTP"),
                RegistryConnectionException.unreachable("refused", null),
                RegistryConnectionException.tlsMaterial("bad CA", null),
                RegistryConnectionException.viaEngine("a:1", "dial tcp"),
                RegistryException.unexpected("HTTP 400", 400, List.of()),
                RegistryException.unavailable("after 5 attempts", 5, null),
                EngineException.notFound(List.of("DOCKER_HOST (not set)"), "hoist.docker.host"),
                EngineException.timeout("pushing", "unix:///s", "no byte for 1s", "hoist.docker.idle-timeout", null),
                new InvalidImageReferenceException("A", ReferencePart.PATH, 0, "Image reference", "upper case"),
                new InvalidRegistryUriException("x", "bad", "fix"),
                new InvalidStackException("bad stack"),
                new FlavorFailureException("a flavor failed", null),
                new HoistException("a flavor's own error"),
                new IllegalStateException("a bug"));
        assertThat(failed).allSatisfy(error -> assertThat(HoistCli.exitCodeOf(error)).as(error.toString())
                .isEqualTo(ExitCode.FAILED));
    }
}
