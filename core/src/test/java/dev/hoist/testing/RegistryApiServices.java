package dev.hoist.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real services the registry-API transport's integration tests use, beyond {@link TestServices}: the
 * token-auth registry ({@code HOIST_TEST_TOKEN_REGISTRY}) with its {@link TokenServer}, the TLS registry's
 * certificate, and the {@code skopeo} and {@code docker} command-line clients as independent readers. A missing
 * one skips the test, or fails it when {@code HOIST_REQUIRE_SERVICES=1}.
 */
public final class RegistryApiServices {

    private RegistryApiServices() {
    }

    /** The token-auth registry's {@code host:port}: {@code HOIST_TEST_TOKEN_REGISTRY}, or {@code 127.0.0.1:5003}. */
    public static String tokenRegistry() {
        return TestServices.env("HOIST_TEST_TOKEN_REGISTRY").orElse("127.0.0.1:5003");
    }

    /**
     * The TLS registry's certificate (PEM): {@code HOIST_TEST_TLS_CERT}, or {@code .services/registry-tls/cert.pem}
     * above the working directory.
     */
    public static Optional<Path> tlsCertificate() {
        Optional<Path> configured = TestServices.env("HOIST_TEST_TLS_CERT").map(Path::of);
        if (configured.isPresent()) {
            return configured.filter(Files::isRegularFile);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".services/registry-tls/cert.pem");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Fails or skips unless the daemon, the plain registry and skopeo are there. */
    public static void requireBasics() {
        TestServices.require();
        requireSkopeo();
    }

    /** Fails or skips unless skopeo is on the {@code PATH}; no service is needed. */
    public static void requireSkopeo() {
        if (!onPath("skopeo")) {
            skipOrFail("skopeo (apt-get install skopeo), the independent registry reader");
        }
    }

    /**
     * Fails or skips unless each of {@code tools} is on the path: for tests that run {@code skopeo} or
     * {@code podman} on local files only (oci:, oci-archive:, docker-archive:, podman with its own storage in a
     * temporary directory), which need no daemon and no registry.
     */
    public static void requireTools(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                skipOrFail(tool + " (apt-get install " + tool + "), an independent image tool");
            }
        }
    }

    /** Fails or skips unless every registry-API test service is there, the token registry included. */
    public static void requireAll() {
        requireBasics();
        TestServices.requireAuthRegistries();
        if (TestServices.env("HOIST_TEST_TOKEN_KEY").isEmpty() || TestServices.env("HOIST_TEST_TOKEN_CERT").isEmpty()) {
            skipOrFail("HOIST_TEST_TOKEN_KEY and HOIST_TEST_TOKEN_CERT, the token registry's signing key");
        }
        if (!TestServices.answers("http://" + tokenRegistry() + "/v2/", 401)) {
            skipOrFail("the token-auth registry at http://" + tokenRegistry() + "/v2/ (answering 401)");
        }
        if (tlsCertificate().isEmpty()) {
            skipOrFail("the TLS registry's certificate (HOIST_TEST_TLS_CERT)");
        }
        TokenServer.get();
    }

    private static void skipOrFail(String what) {
        TestServices.skipOrFail("Integration test needs " + what + "; start it with eval \"$(scripts/services.sh start)\"");
    }

    /** The result of a command. */
    public record Run(int exit, String out, String err) {
    }

    /**
     * Runs a command, with {@code DOCKER_HOST} inherited, and waits up to 5 minutes.
     *
     * @throws AssertionError when it does not end in time
     */
    public static Run run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(process.getInputStream(), out);
        Thread errPump = pump(process.getErrorStream(), err);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Command did not end within 5 minutes: " + command.get(0));
        }
        outPump.join();
        errPump.join();
        return new Run(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command and returns its stdout; a non-zero exit fails the test with stderr. */
    public static String runOk(List<String> command) throws IOException, InterruptedException {
        Run run = run(command);
        if (run.exit() != 0) {
            throw new AssertionError(command.get(0) + " " + (command.size() > 1 ? command.get(1) : "") + " exited "
                    + run.exit() + ": " + run.err());
        }
        return run.out();
    }

    /**
     * The raw manifest bytes {@code skopeo inspect --raw} reads at {@code docker://<image>}, over any TLS, with
     * the test user's credentials when {@code auth}.
     */
    public static byte[] skopeoRaw(String image, boolean auth) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--raw", "--tls-verify=false"));
        if (auth) {
            command.add("--creds");
            command.add(TestServices.registryUser() + ":" + TestServices.registryPassword());
        }
        command.add("docker://" + image);
        ProcessBuilder builder = new ProcessBuilder(command);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError("skopeo inspect --raw docker://" + image + " failed: " + err);
        }
        return out;
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream into) {
        Thread thread = new Thread(() -> {
            try {
                in.transferTo(into);
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        thread.start();
        return thread;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }


}
