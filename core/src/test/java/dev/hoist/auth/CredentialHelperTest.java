package dev.hoist.auth;

import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.CredentialLookupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker-credential-helpers protocol against real helper scripts. */
class CredentialHelperTest {

    private static final String CONFIGURED_BY = "credHelpers[\"ghcr.io\"] in /root/.docker/config.json";
    private static final String SECRET = "s3cr3t-from-helper";

    @TempDir
    Path bin;

    private CredentialHelper helper(String suffix) {
        return helper(suffix, Duration.ofSeconds(10));
    }

    private CredentialHelper helper(String suffix, Duration timeout) {
        return new CredentialHelper(suffix, CONFIGURED_BY, HelperScripts.pathWith(bin), timeout);
    }

    @Test
    void aHelperThatAnswersGivesUsernameAndPassword() throws Exception {
        HelperScripts.answering(bin, "hoisttest", "octocat", SECRET);

        RegistryCredentials found = helper("hoisttest").get("ghcr.io").orElseThrow();

        assertThat(found.username()).isEqualTo("octocat");
        assertThat(found.password().map(Secret::reveal)).contains(SECRET);
        assertThat(found.identityToken()).isEmpty();
        assertThat(found.source()).isEqualTo("docker-credential-hoisttest (" + CONFIGURED_BY + ")");
        assertThat(found.toString()).doesNotContain(SECRET);
        // Exactly the server URL, without a newline, as docker writes it.
        assertThat(HelperScripts.serverUrlSeenBy(bin, "hoisttest")).isEqualTo("ghcr.io");
    }

    @Test
    void theTokenUserMeansAnIdentityToken() throws Exception {
        HelperScripts.answering(bin, "hoisttest", "<token>", SECRET);

        RegistryCredentials found = helper("hoisttest").get("myacr.azurecr.io").orElseThrow();

        assertThat(found.identityToken().map(Secret::reveal)).contains(SECRET);
        assertThat(found.password()).isEmpty();
        assertThat(found.username()).isEqualTo(RegistryCredentials.IDENTITY_TOKEN_USER);
    }

    @Test
    void lookupOfDockerHubSendsTheServerUrlDockerUses() throws Exception {
        HelperScripts.answering(bin, "hoisttest", "hubuser", SECRET);

        assertThat(helper("hoisttest").lookup("docker.io")).isPresent();
        assertThat(HelperScripts.serverUrlSeenBy(bin, "hoisttest")).isEqualTo("https://index.docker.io/v1/");

        assertThat(helper("hoisttest").lookup("localhost:5001")).isPresent();
        assertThat(HelperScripts.serverUrlSeenBy(bin, "hoisttest")).isEqualTo("localhost:5001");
    }

    @Test
    void credentialsNotFoundOnStdoutIsEmpty() throws Exception {
        HelperScripts.notFound(bin, "hoisttest");

        assertThat(helper("hoisttest").get("ghcr.io")).isEmpty();
    }

    @Test
    void credentialsNotFoundOnStderrIsEmptyToo() throws Exception {
        HelperScripts.write(bin, "hoisttest", "cat > /dev/null; echo 'Credentials not found' >&2; exit 1");

        assertThat(helper("hoisttest").get("ghcr.io")).isEmpty();
    }

    @Test
    void anEmptySecretIsNoCredentials() throws Exception {
        HelperScripts.answering(bin, "hoisttest", "", "");

        assertThat(helper("hoisttest").get("ghcr.io")).isEmpty();
    }

    @Test
    void aMissingHelperSaysWhichBinaryWhoAskedAndWhatToDo() {
        assertThatThrownBy(() -> helper("xyz").get("ghcr.io"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessage("Credential helper docker-credential-xyz is not on the PATH, but credHelpers[\"ghcr.io\"]"
                        + " in /root/.docker/config.json asks for it. Install docker-credential-xyz, or remove that entry.");
    }

    @Test
    void aHelperOnlyOnTheMachinesPathIsNotFoundWhenThePassedPathLacksIt() throws Exception {
        HelperScripts.answering(bin, "hoisttest", "octocat", SECRET);
        CredentialHelper withoutBin = new CredentialHelper("hoisttest", CONFIGURED_BY, Map.of("PATH", "/usr/bin:/bin"),
                Duration.ofSeconds(10));

        assertThatThrownBy(() -> withoutBin.get("ghcr.io")).isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("docker-credential-hoisttest is not on the PATH");
    }

    @Test
    void aHelperThatHangsIsKilledAfterTheTimeout() throws Exception {
        // The script and its sleeping child both leave their pids, to check that both were killed.
        HelperScripts.write(bin, "hoisttest", """
                echo $$ > "$(dirname "$0")/script.pid"
                sleep 60 &
                echo $! > "$(dirname "$0")/child.pid"
                wait
                """);
        long started = System.nanoTime();

        assertThatThrownBy(() -> helper("hoisttest", Duration.ofSeconds(1)).get("ghcr.io"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("docker-credential-hoisttest")
                .hasMessageContaining("within 1 s (hoist.auth.helper-timeout), so Hoist stopped it")
                .hasMessageContaining(CONFIGURED_BY);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertGone(Long.parseLong(Files.readString(bin.resolve("script.pid")).strip()));
        assertGone(Long.parseLong(Files.readString(bin.resolve("child.pid")).strip()));
    }

    @Test
    void theTimeoutMessageNamesTheSettingWhereItWasRead() throws Exception {
        HelperScripts.write(bin, "hoisttest", "sleep 60");
        CredentialHelper underAnotherRoot = new CredentialHelper("hoisttest", CONFIGURED_BY, HelperScripts.pathWith(bin),
                Duration.ofMillis(1500), "mystack.components.auth.helper-timeout");

        assertThatThrownBy(() -> underAnotherRoot.get("ghcr.io")).isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("within 1500 ms (mystack.components.auth.helper-timeout), so Hoist stopped it");
    }

    @Test
    void garbageOutputIsAnErrorThatDoesNotQuoteIt() throws Exception {
        HelperScripts.write(bin, "hoisttest", "cat > /dev/null; echo 'Secret: " + SECRET + " this is not json'");

        assertThatThrownBy(() -> helper("hoisttest").get("ghcr.io"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("docker-credential-hoisttest")
                .hasMessageContaining("{\"ServerURL\", \"Username\", \"Secret\"}")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void jsonWithoutASecretIsAnError() throws Exception {
        HelperScripts.write(bin, "hoisttest", "cat > /dev/null; echo '{\"Username\":\"octocat\"}'");

        assertThatThrownBy(() -> helper("hoisttest").get("ghcr.io")).isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("something other than the JSON object");
    }

    @Test
    void aFailingHelperReportsTheFirstLineOfStderrButNeverStdout() throws Exception {
        HelperScripts.write(bin, "hoisttest", """
                cat > /dev/null
                echo '{"Secret":"%s"}'
                printf 'keychain is locked\\nsecond line\\n' >&2
                exit 3
                """.formatted(SECRET));

        assertThatThrownBy(() -> helper("hoisttest").get("ghcr.io"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessage("Credential helper docker-credential-hoisttest failed (exit 3): keychain is locked"
                        + " (asked for by " + CONFIGURED_BY + ").")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void aFailingHelperWithoutStderrSaysSo() throws Exception {
        HelperScripts.write(bin, "hoisttest", "cat > /dev/null; exit 1");

        assertThatThrownBy(() -> helper("hoisttest").get("ghcr.io"))
                .hasMessageContaining("failed (exit 1): it wrote nothing on stderr");
    }

    @Test
    void theHelperRunsWithExactlyTheEnvironmentPassedIn() throws Exception {
        HelperScripts.write(bin, "hoisttest", """
                cat > /dev/null
                printf '{"Username":"%s","Secret":"x"}' "${HOIST_HELPER_MARK:-unset}"
                """);
        Map<String, String> env = new java.util.HashMap<>(HelperScripts.pathWith(bin));
        env.put("HOIST_HELPER_MARK", "marked");

        Optional<RegistryCredentials> found = new CredentialHelper("hoisttest", CONFIGURED_BY, env,
                Duration.ofSeconds(10)).get("ghcr.io");

        assertThat(found.map(RegistryCredentials::username)).contains("marked");
    }

    @Test
    void aHelperNameThatWouldLeaveThePathIsRefused() {
        assertThatThrownBy(() -> helper("../../bin/sh")).isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("\"../../bin/sh\"").hasMessageContaining(CONFIGURED_BY);
    }

    private static void assertGone(long pid) throws Exception {
        for (int i = 0; i < 50 && running(pid); i++) {
            Thread.sleep(100);
        }
        assertThat(running(pid)).as("process %d was killed", pid).isFalse();
    }

    // A zombie is dead; whoever adopted it may just not have reaped it yet.
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        try {
            String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException reaped) { // NoSuchFileException, or ESRCH when it goes while being read
            return false;
        }
    }
}
