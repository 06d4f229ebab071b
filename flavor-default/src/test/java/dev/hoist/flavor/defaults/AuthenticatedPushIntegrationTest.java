package dev.hoist.flavor.defaults;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.RegistryAuthenticationException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.auth.Environment;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real pushes to the two protected registries scripts/services.sh starts (htpasswd on 5001,
 * TLS with htpasswd on 5002), with credentials from each kind of source. Everything Hoist
 * logs or throws meanwhile is captured, and the password must appear in none of it.
 */
class AuthenticatedPushIntegrationTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<String> messages = new ArrayList<>();
    private PrintStream originalErr;

    @BeforeEach
    void services() {
        TestServices.require();
        TestServices.requireAuthRegistries();
        originalErr = System.err;
        // slf4j-simple writes to System.err as it is at each call, so this captures every log line.
        System.setErr(new PrintStream(new TeeStream(captured, originalErr), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void noPasswordAnywhere() {
        System.setErr(originalErr);
        String password = TestServices.registryPassword();
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("log output").isNotEmpty().doesNotContain(password);
        assertThat(messages).as("exception messages").allSatisfy(m -> assertThat(m).doesNotContain(password));
    }

    private static String registry(boolean tls) {
        return tls ? TestServices.tlsRegistry() : TestServices.authRegistry();
    }

    private Hoist hoist(String registrySettings, Map<String, String> variables) {
        Config config = ConfigFactory.parseString("hoist.registries.secure { flavor = default, " + registrySettings + " }\n"
                        + "hoist.docker.host = \"" + TestServices.dockerHost() + "\"")
                .withFallback(ConfigFactory.load(getClass().getClassLoader()));
        Map<String, String> environment = new HashMap<>(variables);
        environment.putIfAbsent("PATH", System.getenv("PATH"));
        // An empty home: the machine's own ~/.docker/config.json must not leak into the test.
        return Hoist.builder().config(config).classLoader(getClass().getClassLoader())
                .environment(new Environment(environment, dir.resolve("home"))).build();
    }

    /** Pushes a fresh image through registry "secure" and checks the digest the registry serves. */
    private void pushAndVerify(Hoist hoist, boolean tls) throws Exception {
        ContainerRegistry secure = hoist.registry("secure");
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(hoist.docker(), registry(tls) + "/hoist-it/auth", tag, 32 * 1024);
        try {
            String digest = secure.pushImage(image);
            assertThat(RegistryHttp.manifestDigest(registry(tls), "hoist-it/auth", tag, TestServices.registryUser(),
                    TestServices.registryPassword(), tls)).isEqualTo(digest);
        } finally {
            hoist.docker().removeImage(image);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void withExplicitConfigCredentialsFromAnEnvironmentSubstitution(boolean tls) throws Exception {
        // The usual pattern: password = ${?REGISTRY_PASSWORD}, resolved from the environment by Typesafe Config.
        // scripts/services.sh exports the test password as HOIST_TEST_REGISTRY_PASSWORD.
        String settings = "uri = \"" + registry(tls) + "\", credentials { username = \"" + TestServices.registryUser()
                + "\", password = ${?HOIST_TEST_REGISTRY_PASSWORD} }";
        try (Hoist hoist = hoist(settings, Map.of())) {
            pushAndVerify(hoist, tls);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void withAPasswordFile(boolean tls) throws Exception {
        Path file = Files.writeString(dir.resolve("password"), TestServices.registryPassword() + "\n");
        String settings = "uri = \"" + registry(tls) + "\", credentials { username = \"" + TestServices.registryUser()
                + "\", password-file = \"" + file + "\" }";
        try (Hoist hoist = hoist(settings, Map.of())) {
            pushAndVerify(hoist, tls);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void withADockerConfigAuthsEntryUnderATemporaryDockerConfig(boolean tls) throws Exception {
        Path dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
        String auth = Base64.getEncoder().encodeToString((TestServices.registryUser() + ":" + TestServices.registryPassword())
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(dockerConfig.resolve("config.json"),
                "{\"auths\":{\"" + registry(tls) + "\":{\"auth\":\"" + auth + "\"}}}");
        try (Hoist hoist = hoist("uri = \"" + registry(tls) + "\"", Map.of("DOCKER_CONFIG", dockerConfig.toString()))) {
            pushAndVerify(hoist, tls);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void withACredentialHelperOnThePath(boolean tls) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path helper = bin.resolve("docker-credential-hoisttest");
        Files.writeString(helper, "#!/bin/sh\n"
                + "read server\n"
                + "printf '{\"ServerURL\":\"%s\",\"Username\":\"" + TestServices.registryUser() + "\",\"Secret\":\""
                + TestServices.registryPassword() + "\"}' \"$server\"\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> environment = Map.of("PATH", bin + ":" + System.getenv("PATH"));
        try (Hoist hoist = hoist("uri = \"" + registry(tls) + "\", credentials-helper = hoisttest", environment)) {
            pushAndVerify(hoist, tls);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aWrongPasswordIsATypedAuthenticationErrorNamingTheSource(boolean tls) throws Exception {
        String settings = "uri = \"" + registry(tls) + "\", credentials { username = \"" + TestServices.registryUser()
                + "\", password = wrong-password }";
        try (Hoist hoist = hoist(settings, Map.of())) {
            String image = TestImages.load(hoist.docker(), registry(tls) + "/hoist-it/auth", TestImages.uniqueTag(), 1024);
            try {
                assertThatThrownBy(() -> hoist.registry("secure").pushImage(image))
                        .isInstanceOf(RegistryAuthenticationException.class)
                        .satisfies(kindAndReason(ErrorKind.AUTHENTICATION, RegistryAuthenticationException.Reason.REFUSED))
                        .satisfies(e -> messages.add(e.getMessage()))
                        .hasMessageContaining("Hoist used credentials of user '" + TestServices.registryUser()
                                + "' from config hoist.registries.secure.credentials")
                        .hasMessageNotContaining("wrong-password");
            } finally {
                hoist.docker().removeImage(image);
            }
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void noCredentialsAtAllSaysWhereHoistLooked(boolean tls) throws Exception {
        try (Hoist hoist = hoist("uri = \"" + registry(tls) + "\"", Map.of())) {
            String image = TestImages.load(hoist.docker(), registry(tls) + "/hoist-it/auth", TestImages.uniqueTag(), 1024);
            try {
                assertThatThrownBy(() -> hoist.registry("secure").pushImage(image))
                        .isInstanceOf(RegistryAuthenticationException.class)
                        .satisfies(kindAndReason(ErrorKind.AUTHENTICATION, RegistryAuthenticationException.Reason.REFUSED))
                        .satisfies(e -> messages.add(e.getMessage()))
                        .hasMessageContaining("Hoist used no credentials (anonymous; asked docker config "
                                + dir.resolve("home").resolve(".docker").resolve("config.json") + ")");
            } finally {
                hoist.docker().removeImage(image);
            }
        }
    }

    /** Writes to two streams: the capture, and the real stderr so the build log still shows it. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
