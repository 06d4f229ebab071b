package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #15 item 1: a config problem never shows the value of a credential. Every config mistake
 * below holds a canary secret; every command that reads the config runs on it, with and without
 * {@code --verbose}, and the canary appears in no output.
 */
class ConfigCanaryScanTest {

    private static final String CANARY = "CANARY-hoist-9d1c7e";
    private static final String NO_DAEMON = "hoist.docker.host = \"unix:///nonexistent/hoist-canary.sock\"\n";

    @TempDir
    Path dir;

    /** Config mistakes, each with the canary where a secret would be. */
    static Stream<Arguments> mistakes() {
        String c = CANARY;
        return Stream.of(
                Arguments.of("a string where the credentials object belongs", "hoist.registries.local.credentials = \"" + c + "\""),
                Arguments.of("a number-like secret where the object belongs", "hoist.registries.local.credentials = 982451653982451653"),
                Arguments.of("a list password", "hoist.registries.local.credentials { username = u, password = [\"" + c + "\"] }"),
                Arguments.of("an object password", "hoist.registries.local.credentials { username = u, password { v = \"" + c + "\" } }"),
                Arguments.of("a wrong username beside the password", "hoist.registries.local.credentials { username = 5, password = \"" + c + "\" }"),
                Arguments.of("password and password-file", "hoist.registries.local.credentials { username = u, password = \"" + c + "\", password-file = \"/x\" }"),
                Arguments.of("a secret as the username", "hoist.registries.local.credentials { username = \"" + c + "\" }"),
                Arguments.of("an unknown key inside credentials", "hoist.registries.local.credentials { username = u, password = p, tokn = \"" + c + "\" }"),
                Arguments.of("an unknown token key on a registry", "hoist.registries.local.token = \"" + c + "\""),
                Arguments.of("an unknown key in docker", "hoist.docker.password = \"" + c + "\""),
                Arguments.of("an unknown key at the root", "hoist.secret = \"" + c + "\""),
                Arguments.of("credentials in the type defaults", "hoist.registry-defaults.credentials = \"" + c + "\""),
                Arguments.of("credentials in a flavor's defaults", "hoist.flavors.default.registry-defaults.credentials { username = u, password = [\"" + c + "\"] }"),
                Arguments.of("a secret object as the docker host", "hoist.docker.host { token = \"" + c + "\" }"),
                Arguments.of("a secret object as a duration", "hoist.docker.push-timeout { secret = \"" + c + "\" }"),
                Arguments.of("a secret object as the default registry", "hoist.default-registry { password = \"" + c + "\" }"),
                Arguments.of("a registry that is a list holding credentials", "hoist.registries.bad = [ { credentials { password = \"" + c + "\" } } ]"),
                Arguments.of("a registry with no flavor and credentials", "hoist.registries.bad { credentials { username = u, password = \"" + c + "\" } }"),
                Arguments.of("a stack naming a secret object", "hoist.stacks.prod { container-registry { password = \"" + c + "\" } }"),
                Arguments.of("a stack with a token type", "hoist.stacks.prod { container-registry = local, token = \"" + c + "\" }"),
                Arguments.of("a stack that is a secret", "hoist.stacks.prod { password = \"" + c + "\" }"),
                Arguments.of("an unterminated password string", "hoist.registries.local.credentials { username = u, password = \"" + c + " }"),
                Arguments.of("an unquoted password with reserved characters", "hoist.registries.local.credentials { username = u, password = " + c + "@x }"),
                Arguments.of("a password followed by garbage", "hoist.registries.local.credentials { username = u, password = " + c + " ] }"),
                Arguments.of("a substitution in a password that does not resolve", "hoist.registries.local.credentials { username = \"" + c + "\", password = ${HOIST_CANARY_UNSET_VARIABLE} }"),
                Arguments.of("a registry-api style token key", "hoist.registries.local { client-secret = \"" + c + "\", api-key = \"" + c + "\" }"));
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HoistCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("mistakes")
    void noCommandShowsTheCanaryWithOrWithoutVerbose(String mistake, String hocon) throws Exception {
        Path config = Files.writeString(dir.resolve("canary.conf"), NO_DAEMON + hocon + "\n");
        List<List<String>> commands = List.of(
                List.of("push", "localhost:5000/canary/app:1"),
                List.of("stacks"),
                List.of("stacks", "--json"),
                List.of("auth"),
                List.of("auth", "--json"),
                List.of("engine"),
                List.of("validate", "--flavor", "default", "localhost:5000"),
                List.of("flavors"));
        List<String> failures = new ArrayList<>();
        boolean refusedSomewhere = false; // exit 2 for a config problem, 1 for an invalid stack
        for (List<String> command : commands) {
            for (boolean verbose : new boolean[] {false, true}) {
                List<String> args = new ArrayList<>(List.of("--config", config.toString()));
                if (verbose) {
                    args.add("--verbose");
                }
                args.addAll(command);
                Result result = run(args);
                refusedSomewhere |= result.code() == 2 || command.get(0).equals("stacks") && result.code() == 1;
                if (result.out().contains(CANARY) || result.err().contains(CANARY)
                        || result.out().contains("982451653982451653") || result.err().contains("982451653982451653")) {
                    failures.add(String.join(" ", args) + " ->\n" + result.out() + result.err());
                }
            }
        }
        assertThat(failures).as("outputs that show the canary").isEmpty();
        // The mistake is one: some command refused the config.
        assertThat(refusedSomewhere).as("some command refused the config").isTrue();
    }
}
