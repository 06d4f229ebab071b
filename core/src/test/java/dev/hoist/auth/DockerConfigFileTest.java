package dev.hoist.auth;

import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.CredentialLookupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How one docker config answers a host: key matching, the order inside the file, the decoding, the chain. */
class DockerConfigFileTest {

    private static final String PASSWORD = "pa55-w0rd-in-config";

    @TempDir
    Path dir;

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String authsWith(String key) {
        return "{\"auths\":{\"" + key + "\":{\"auth\":\"" + base64("user:" + PASSWORD) + "\"}}}";
    }

    @ParameterizedTest(name = "host {0} vs key {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost:5001              | localhost:5001                      | true
            localhost:5001              | http://localhost:5001               | true
            localhost:5001              | https://localhost:5001/v2/          | true
            localhost:5001              | localhost:50011                     | false
            localhost:5001              | localhost                           | false
            localhost                   | localhost:5001                      | false
            localhost:50011             | localhost:5001                      | false
            127.0.0.1:5001              | localhost:5001                      | false
            [::1]:5000                  | [::1]:5000                          | true
            myreg.example.com           | https://myreg.example.com/v1/       | true
            myreg.example.com           | myreg.example.com                   | true
            myreg.example.com           | MyReg.Example.COM                   | true
            MYREG.example.com           | HTTPS://myreg.example.com           | true
            myreg.example.com           | myreg.example.com:443               | false
            myreg.example.com           | other.example.com                   | false
            myreg.example.com           | myreg.example.com.evil.io           | false
            myreg.example.com           | example.com                         | false
            ghcr.io                     | ghcr.io/octocat/app                 | true
            ghcr.io                     | gcr.io                              | false
            docker.io                   | https://index.docker.io/v1/         | true
            docker.io                   | index.docker.io                     | true
            docker.io                   | registry-1.docker.io                | true
            docker.io                   | https://registry.hub.docker.com     | true
            docker.io                   | docker.io                           | true
            index.docker.io             | https://index.docker.io/v1/         | true
            registry-1.docker.io        | docker.io                           | true
            registry.hub.docker.com     | https://index.docker.io/v1/         | true
            docker.io                   | https://index.docker.io.evil.io/v1/ | false
            docker.io                   | hub.docker.com                      | false
            docker.io                   | docker.io:5000                      | false
            """)
    void matchesKeys(String host, String key, boolean matches) {
        Optional<RegistryCredentials> found = DockerConfigFile.fromJson(authsWith(key), "test config").lookup(host);

        assertThat(found.isPresent()).isEqualTo(matches);
        found.ifPresent(c -> assertThat(c.source()).isEqualTo("test config auths[\"" + key + "\"]"));
    }

    @Test
    void aKeyEqualToTheHostBeatsAnotherFormOfIt() {
        String json = "{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + base64("canonical:x") + "\"},"
                + "\"docker.io\":{\"auth\":\"" + base64("exact:x") + "\"}}}";

        assertThat(DockerConfigFile.fromJson(json, "c").lookup("docker.io").map(RegistryCredentials::username))
                .contains("exact");
        assertThat(DockerConfigFile.fromJson(json, "c").lookup("index.docker.io").map(RegistryCredentials::username))
                .contains("canonical");
    }

    // ---------------------------------------------------------------- auths decoding

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            base64 auth          | {"auth":"dXNlcjpwYTU1LXcwcmQtaW4tY29uZmln"}                               | user  | pa55-w0rd-in-config |
            username, password   | {"username":"user","password":"pa55-w0rd-in-config"}                      | user  | pa55-w0rd-in-config |
            auth beats fields    | {"auth":"dXNlcjpwYTU1LXcwcmQtaW4tY29uZmln","username":"x","password":"y"} | user  | pa55-w0rd-in-config |
            colon in password    | {"auth":"dXNlcjphOmI6Yw=="}                                               | user  | a:b:c               |
            identity token       | {"identitytoken":"pa55-w0rd-in-config"}                                   | <token> |                   | pa55-w0rd-in-config
            token beats auth     | {"auth":"dXNlcjp4","identitytoken":"pa55-w0rd-in-config"}                 | <token> |                   | pa55-w0rd-in-config
            """)
    void decodesAuthEntries(String form, String entry, String username, String password, String identityToken) {
        RegistryCredentials found = DockerConfigFile.fromJson("{\"auths\":{\"localhost:5001\":" + entry + "}}",
                "DOCKER_AUTH_CONFIG").lookup("localhost:5001").orElseThrow();

        assertThat(found.username()).isEqualTo(username);
        assertThat(found.password().map(Secret::reveal)).isEqualTo(Optional.ofNullable(password));
        assertThat(found.identityToken().map(Secret::reveal)).isEqualTo(Optional.ofNullable(identityToken));
        assertThat(found.source()).isEqualTo("DOCKER_AUTH_CONFIG auths[\"localhost:5001\"]");
        assertThat(found.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void anEmptyEntryAsDockerLeavesBesideACredsStoreHoldsNothing() {
        assertThat(DockerConfigFile.fromJson("{\"auths\":{\"localhost:5001\":{}}}", "c").lookup("localhost:5001"))
                .isEmpty();
    }

    @Test
    void anAuthThatIsNotUserColonPasswordIsAnErrorThatDoesNotQuoteIt() {
        String json = "{\"auths\":{\"localhost:5001\":{\"auth\":\"" + base64(PASSWORD) + "\"}}}";

        assertThatThrownBy(() -> DockerConfigFile.fromJson(json, "DOCKER_AUTH_CONFIG").lookup("localhost:5001"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("auths[\"localhost:5001\"].auth in DOCKER_AUTH_CONFIG")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(base64(PASSWORD)));
    }

    // ---------------------------------------------------------------- order inside one file

    @Test
    void credHelpersBeatCredsStoreWhichBeatsAuths() throws Exception {
        HelperScripts.answering(dir, "hoisttest-a", "from-cred-helpers", PASSWORD);
        HelperScripts.answering(dir, "hoisttest-b", "from-creds-store", PASSWORD);
        String json = """
                {"credHelpers": {"ghcr.io": "hoisttest-a"},
                 "credsStore": "hoisttest-b",
                 "auths": {"ghcr.io": {"auth": "%s"}, "quay.io": {"auth": "%s"}}}
                """.formatted(base64("from-auths:x"), base64("from-auths:x"));
        Path file = write("config.json", json);
        DockerConfigFile config = DockerConfigFile.fromFile(file, HelperScripts.pathWith(dir));

        RegistryCredentials ghcr = config.lookup("ghcr.io").orElseThrow();
        assertThat(ghcr.username()).isEqualTo("from-cred-helpers");
        assertThat(ghcr.source()).isEqualTo("docker config " + file + " credHelpers[\"ghcr.io\"] → docker-credential-hoisttest-a");

        RegistryCredentials quay = config.lookup("quay.io").orElseThrow();
        assertThat(quay.username()).isEqualTo("from-creds-store");
        assertThat(quay.source()).isEqualTo("docker config " + file + " credsStore → docker-credential-hoisttest-b");
    }

    @Test
    void aConfigWithOnlyACredsStoreIsUsed() throws Exception {
        HelperScripts.answering(dir, "hoisttest", "from-store", PASSWORD);
        DockerConfigFile config = DockerConfigFile.fromJson("{\"credsStore\":\"hoisttest\"}", "DOCKER_AUTH_CONFIG",
                HelperScripts.pathWith(dir));

        RegistryCredentials found = config.lookup("docker.io").orElseThrow();

        assertThat(found.username()).isEqualTo("from-store");
        assertThat(found.password().map(Secret::reveal)).contains(PASSWORD);
        assertThat(HelperScripts.serverUrlSeenBy(dir, "hoisttest")).isEqualTo("https://index.docker.io/v1/");
    }

    @Test
    void aCredsStoreWithoutTheHostFallsThroughToAuths() throws Exception {
        HelperScripts.notFound(dir, "hoisttest");
        String json = "{\"credsStore\":\"hoisttest\",\"auths\":{\"localhost:5001\":{\"auth\":\"" + base64("user:" + PASSWORD)
                + "\"}}}";
        DockerConfigFile config = DockerConfigFile.fromJson(json, "c", HelperScripts.pathWith(dir));

        assertThat(config.lookup("localhost:5001").map(RegistryCredentials::source)).contains("c auths[\"localhost:5001\"]");
        assertThat(config.lookup("localhost:5002")).isEmpty();
    }

    @Test
    void aCredHelperWithoutTheHostFallsThroughToTheRest() throws Exception {
        HelperScripts.notFound(dir, "hoisttest-a");
        String json = "{\"credHelpers\":{\"localhost:5001\":\"hoisttest-a\"},"
                + "\"auths\":{\"localhost:5001\":{\"username\":\"user\",\"password\":\"" + PASSWORD + "\"}}}";

        assertThat(DockerConfigFile.fromJson(json, "c", HelperScripts.pathWith(dir)).lookup("localhost:5001")
                .map(RegistryCredentials::username)).contains("user");
    }

    @Test
    void aCredHelperForAnotherHostIsNotAsked() throws Exception {
        // Were it asked, the missing helper would fail the lookup.
        String json = "{\"credHelpers\":{\"ghcr.io\":\"absent\"},"
                + "\"auths\":{\"localhost:5001\":{\"username\":\"user\",\"password\":\"p\"}}}";

        assertThat(DockerConfigFile.fromJson(json, "c", HelperScripts.pathWith(dir)).lookup("localhost:5001")).isPresent();
    }

    @Test
    void aFailingCredsStoreIsAnErrorNotAFallThrough() throws Exception {
        HelperScripts.write(dir, "hoisttest", "cat > /dev/null; echo 'keychain locked' >&2; exit 2");
        String json = "{\"credsStore\":\"hoisttest\",\"auths\":{\"localhost:5001\":{\"auth\":\"" + base64("user:" + PASSWORD)
                + "\"}}}";

        assertThatThrownBy(() -> DockerConfigFile.fromJson(json, "DOCKER_AUTH_CONFIG", HelperScripts.pathWith(dir))
                .lookup("localhost:5001"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("keychain locked")
                .hasMessageContaining("credsStore in DOCKER_AUTH_CONFIG")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void aMissingCredHelperNamesTheEntryAndTheFile() throws Exception {
        Path file = write("config.json", "{\"credHelpers\":{\"ghcr.io\":\"nosuchhelper\"}}");

        assertThatThrownBy(() -> DockerConfigFile.fromFile(file, HelperScripts.pathWith(dir)).lookup("ghcr.io"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessage("Credential helper docker-credential-nosuchhelper is not on the PATH, but credHelpers[\"ghcr.io\"]"
                        + " in " + file + " asks for it. Install docker-credential-nosuchhelper, or remove that entry.");
    }

    // ---------------------------------------------------------------- files

    @Test
    void aMissingFileHoldsNothing() {
        assertThat(DockerConfigFile.fromFile(dir.resolve("absent.json")).lookup("ghcr.io")).isEmpty();
    }

    @Test
    void anEmptyFileHoldsNothing() throws Exception {
        assertThat(DockerConfigFile.fromFile(write("config.json", "\n")).lookup("ghcr.io")).isEmpty();
    }

    @Test
    void badJsonNamesTheFileAndThePlaceButNotTheContent() throws Exception {
        Path file = write("config.json", "{\"auths\":{\"ghcr.io\":{\"password\":\"" + PASSWORD + "\" oops}}}");

        assertThatThrownBy(() -> DockerConfigFile.fromFile(file).lookup("ghcr.io"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageStartingWith("docker config " + file + " is not valid JSON (line 1, column ")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("oops"));
    }

    @Test
    void badJsonInTheVariableNamesTheVariable() {
        assertThatThrownBy(() -> DockerConfigFile.fromJson("{\"auths\": [" + PASSWORD, "DOCKER_AUTH_CONFIG")
                .lookup("ghcr.io"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageStartingWith("DOCKER_AUTH_CONFIG is not valid JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void anUnreadableFileNamesTheFile() throws Exception {
        // A directory where the file should be: unreadable even for root, which ignores file modes.
        Path file = Files.createDirectory(dir.resolve("config.json"));

        assertThatThrownBy(() -> DockerConfigFile.fromFile(file).lookup("ghcr.io"))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageStartingWith("Cannot read docker config " + file);
    }

    @Test
    void wrongTypesAreNamed() {
        assertThatThrownBy(() -> DockerConfigFile.fromJson("{\"auths\":[]}", "c").lookup("ghcr.io"))
                .hasMessage("auths in c is not a JSON object.");
        assertThatThrownBy(() -> DockerConfigFile.fromJson("{\"credsStore\":7}", "c").lookup("ghcr.io"))
                .hasMessageContaining("credsStore in c must be the name of a credential helper");
        assertThatThrownBy(() -> DockerConfigFile.fromJson("[]", "c").lookup("ghcr.io"))
                .hasMessage("c is not a JSON object; fix it or remove it.");
    }

    @Test
    void theFileIsReadAtEachLookup() throws Exception {
        Path file = dir.resolve("config.json");
        DockerConfigFile config = DockerConfigFile.fromFile(file);
        assertThat(config.lookup("localhost:5001")).isEmpty();

        write("config.json", authsWith("localhost:5001"));

        assertThat(config.lookup("localhost:5001")).isPresent();
    }

    // ---------------------------------------------------------------- the standard chain

    @Test
    void theStandardChainIsInTheDocumentedOrder() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path dockerConfigDir = Files.createDirectory(dir.resolve("docker-config"));
        Path runtime = Files.createDirectories(dir.resolve("run/containers")).getParent();
        Path authFile = write("registry-auth.json", authsWith("quay.io"));
        Files.writeString(dockerConfigDir.resolve("config.json"), authsWith("ghcr.io") );
        Files.writeString(runtime.resolve("containers/auth.json"), authsWith("ghcr.io"));
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_AUTH_CONFIG", authsWith("localhost:5001"));
        env.put("DOCKER_CONFIG", dockerConfigDir.toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("REGISTRY_AUTH_FILE", authFile.toString());

        List<CredentialSource> chain = DockerConfigFile.standardChain(env, home);

        assertThat(chain).extracting(source -> ((DockerConfigFile) source).description()).containsExactly(
                "DOCKER_AUTH_CONFIG",
                "docker config " + dockerConfigDir.resolve("config.json"),
                "podman auth file " + runtime.resolve("containers/auth.json"),
                "REGISTRY_AUTH_FILE " + authFile);
        assertThat(firstAnswer(chain, "localhost:5001")).contains("DOCKER_AUTH_CONFIG auths[\"localhost:5001\"]");
        assertThat(firstAnswer(chain, "ghcr.io"))
                .contains("docker config " + dockerConfigDir.resolve("config.json") + " auths[\"ghcr.io\"]");
        assertThat(firstAnswer(chain, "quay.io")).contains("REGISTRY_AUTH_FILE " + authFile + " auths[\"quay.io\"]");
    }

    @Test
    void withoutTheVariablesTheChainIsTheHomeDockerConfig() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Files.createDirectory(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), authsWith("ghcr.io"));
        Map<String, String> env = Map.of("DOCKER_CONFIG", " ", "PATH", "/usr/bin");

        List<CredentialSource> chain = DockerConfigFile.standardChain(env, home);

        assertThat(chain).extracting(source -> ((DockerConfigFile) source).description())
                .containsExactly("docker config " + home.resolve(".docker/config.json"));
        assertThat(firstAnswer(chain, "ghcr.io")).isPresent();
    }

    private static Optional<String> firstAnswer(List<CredentialSource> chain, String host) {
        return chain.stream().map(source -> source.lookup(host)).flatMap(Optional::stream).findFirst()
                .map(RegistryCredentials::source);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
