package dev.hoist.auth;

import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.CredentialLookupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.hoist.testing.TestFlavor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15 item 10: a global {@code credsStore} naming a helper that is not installed (Docker
 * Desktop's leftover {@code "desktop.exe"}) is skipped with one warning per process, and the
 * lookup's result says so; a helper named explicitly ({@code credHelpers[host]}, Hoist's
 * {@code credentials-helper}) stays an error when missing.
 */
class MissingCredsStoreTest {

    private static final String HOST = "localhost:5001";
    private static final String PASSWORD = "canary-" + java.util.UUID.randomUUID();

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private Consumer<String> previous;

    @BeforeEach
    void captureWarnings() {
        previous = MissingCredsStore.warnings;
        MissingCredsStore.warnings = warnings::add;
    }

    @AfterEach
    void restoreWarnings() {
        MissingCredsStore.warnings = previous;
    }

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code AUTH} stands for an {@code auths} entry for the host with user {@code u}; {@code INSTALLED} for a
     * helper on the PATH that answers "credentials not found". Expected: the user found (empty: none), or
     * {@code ERROR} for a lookup failure naming the helper, and whether the skip note appears.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {"credsStore":"desktop.exe"}                                                    | ""    | true
            {"credsStore":"desktop.exe","auths":{"localhost:5001":AUTH}}                     | u     | true
            {"credsStore":"desktop.exe","credHelpers":{"ghcr.io":"absent"}}                 | ""    | true
            {"credsStore":"desktop.exe","credHelpers":{"localhost:5001":"absent"}}          | ERROR | false
            {"credHelpers":{"localhost:5001":"desktop.exe"}}                                | ERROR | false
            {"credsStore":"installed"}                                                      | ""    | false
            {"credsStore":"installed","auths":{"localhost:5001":AUTH}}                       | u     | false
            {"auths":{"localhost:5001":AUTH}}                                                | u     | false
            """)
    void aMissingGlobalCredsStoreIsSkippedAndNoted(String json, String expected, boolean noted) throws Exception {
        HelperScripts.notFound(dir, "installed");
        Path file = Files.writeString(Files.createDirectories(dir.resolve("cfg")).resolve("config.json"),
                json.replace("AUTH", "{\"auth\":\"" + auth("u", PASSWORD) + "\"}"));
        DockerConfigFile config = DockerConfigFile.fromFile(file, HelperScripts.pathWith(dir));
        List<String> notes = new ArrayList<>();
        if (expected.equals("ERROR")) {
            assertThatThrownBy(() -> config.lookup(HOST, notes::add))
                    .isInstanceOf(CredentialLookupException.class)
                    .hasMessageContaining("is not on the PATH, but credHelpers[\"localhost:5001\"] in " + file + " asks for it");
            assertThat(warnings).isEmpty();
            return;
        }
        Optional<RegistryCredentials> found = config.lookup(HOST, notes::add);
        assertThat(found.map(RegistryCredentials::username).orElse("")).isEqualTo(expected);
        if (noted) {
            String note = "credsStore in docker config " + file + " names credential helper docker-credential-desktop.exe,"
                    + " which is not installed (not on the PATH)";
            assertThat(notes).containsExactly(note);
            assertThat(warnings).singleElement().asString()
                    .startsWith("Skipping credsStore in docker config " + file + ": its credential helper"
                            + " docker-credential-desktop.exe is not installed (not on the PATH).");
        } else {
            assertThat(notes).isEmpty();
            assertThat(warnings).isEmpty();
        }
    }

    @Test
    void theWarningComesOncePerProcessForEachConfigHoweverManyLookupsAndChains() throws Exception {
        Path first = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("config.json"), "{\"credsStore\":\"desktop.exe\"}");
        Path second = Files.writeString(Files.createDirectories(dir.resolve("b")).resolve("config.json"), "{\"credsStore\":\"desktop.exe\"}");
        for (int i = 0; i < 3; i++) {
            // A fresh source each time, as CredentialChains builds a fresh chain per push.
            List<String> notes = new ArrayList<>();
            assertThat(DockerConfigFile.fromFile(first, HelperScripts.pathWith(dir)).lookup(HOST, notes::add)).isEmpty();
            assertThat(DockerConfigFile.fromFile(first, HelperScripts.pathWith(dir)).lookup("ghcr.io", notes::add)).isEmpty();
            assertThat(notes).as("every lookup notes the skip").hasSize(2);
        }
        assertThat(warnings).hasSize(1).first().asString().contains(first.toString());
        DockerConfigFile.fromFile(second, HelperScripts.pathWith(dir)).lookup(HOST);
        assertThat(warnings).hasSize(2).last().asString().contains(second.toString());
    }

    private CredentialResolution resolve(String registrySettings) {
        com.typesafe.config.Config settings = ConfigFactory.parseString(registrySettings)
                .withFallback(ConfigFactory.parseString("disabled-credential-sources = []"));
        Environment environment = new Environment(Map.of("PATH", dir.toString(), "DOCKER_CONFIG", dir.resolve("docker").toString()), dir);
        return RegistryCredentialSources.forRegistry("hoist.registries.prod", settings, new TestFlavor(), HOST, environment,
                Duration.ofSeconds(5)).resolve(HOST);
    }

    @Test
    void theResolutionSaysWhichHelperWasMissingAndHoistsOwnHelperStaysAnError() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("docker")).resolve("config.json"), "{\"credsStore\":\"desktop.exe\"}");
        CredentialResolution anonymous = resolve("");
        assertThat(anonymous.credentials()).isEmpty();
        assertThat(anonymous.skipped()).singleElement().asString().contains("docker-credential-desktop.exe");
        assertThat(anonymous.describe()).startsWith("no credentials (anonymous; asked docker config ")
                .endsWith("; skipped: credsStore in docker config " + dir.resolve("docker/config.json")
                        + " names credential helper docker-credential-desktop.exe, which is not installed (not on the PATH)");

        assertThatThrownBy(() -> resolve("credentials-helper = desktop.exe"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("docker-credential-desktop.exe is not on the PATH, but hoist.registries.prod.credentials-helper");
    }
}
