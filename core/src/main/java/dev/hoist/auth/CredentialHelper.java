package dev.hoist.auth;

import dev.hoist.config.DurationText;
import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.CredentialLookupException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One docker credential helper, {@code docker-credential-<suffix>}, spoken to with the
 * docker-credential-helpers protocol: {@code get} with the server URL on stdin, and
 * {@code {"ServerURL", "Username", "Secret"}} on stdout.
 *
 * <p>The helper runs with exactly the environment passed in (its {@code PATH} is also where the
 * binary is looked for), so a caller, or a test, decides what it sees. What the helper prints on
 * stdout carries the secret and never appears in a message; its stderr's first line may.
 */
public final class CredentialHelper implements CredentialSource {

    /** The prefix of every helper binary's name. */
    public static final String BINARY_PREFIX = "docker-credential-";
    /** How long a helper may take when the caller has no opinion. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The setting that limits how long a helper may run, under the default root; messages name it. */
    public static final String TIMEOUT_SETTING = "hoist.auth.helper-timeout";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VALID_SUFFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String NOT_FOUND = "credentials not found";
    // Enough for any real answer; a runaway helper must not fill the heap.
    private static final int MAX_OUTPUT_BYTES = 1 << 20;
    private static final long DRAIN_GRACE_MILLIS = 2_000;

    private final String suffix;
    private final String configuredBy;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final String timeoutSetting;

    /**
     * @param suffix the helper's name after {@code docker-credential-}, for example {@code gh}, {@code desktop}
     * @param configuredBy the setting that asked for this helper, for messages, for example
     *        {@code credHelpers["ghcr.io"] in /root/.docker/config.json}
     * @param environment the helper's whole environment; its {@code PATH} is searched for the binary
     * @param timeout how long the helper may run before it is killed
     * @throws CredentialLookupException if {@code suffix} cannot be a helper's name (it would escape the PATH)
     */
    public CredentialHelper(String suffix, String configuredBy, Map<String, String> environment, Duration timeout) {
        this(suffix, configuredBy, environment, timeout, TIMEOUT_SETTING);
    }

    /**
     * As {@link #CredentialHelper(String, String, Map, Duration)}, naming the setting the timeout came from.
     *
     * @param suffix the helper's name after {@code docker-credential-}, for example {@code gh}, {@code desktop}
     * @param configuredBy the setting that asked for this helper, for messages
     * @param environment the helper's whole environment; its {@code PATH} is searched for the binary
     * @param timeout how long the helper may run before it is killed, positive
     * @param timeoutSetting the setting that gave {@code timeout}, for the message when a helper overruns it, such as
     *        {@code mystack.components.auth.helper-timeout}
     * @throws CredentialLookupException if {@code suffix} cannot be a helper's name (it would escape the PATH)
     */
    public CredentialHelper(String suffix, String configuredBy, Map<String, String> environment, Duration timeout,
                            String timeoutSetting) {
        this.timeoutSetting = Objects.requireNonNull(timeoutSetting, "timeoutSetting");
        this.suffix = Objects.requireNonNull(suffix, "suffix");
        this.configuredBy = Objects.requireNonNull(configuredBy, "configuredBy");
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (!VALID_SUFFIX.matcher(suffix).matches()) {
            throw new CredentialLookupException("The credential helper name \"" + suffix + "\" in " + configuredBy
                    + " is not valid: it must be the part after " + BINARY_PREFIX
                    + " and contain only letters, digits, '.', '_' and '-'.", null);
        }
    }

    /** The binary's name, {@code docker-credential-<suffix>}. */
    public String binaryName() {
        return BINARY_PREFIX + suffix;
    }

    /** Whether the helper's binary is on the {@code PATH} of its environment, executable. */
    public boolean isInstalled() {
        return findBinary().isPresent();
    }

    /** Asks the helper for {@code host}'s credentials, with the server URL docker would use for it. */
    @Override
    public Optional<RegistryCredentials> lookup(String host) {
        return get(RegistryHosts.helperServerUrl(host));
    }

    /**
     * Runs {@code docker-credential-<suffix> get} for {@code serverUrl}.
     *
     * @return the credentials, or empty if the helper answers "credentials not found"
     * @throws CredentialLookupException if the helper is missing, fails, times out, or answers something else
     */
    public Optional<RegistryCredentials> get(String serverUrl) {
        Path binary = findBinary().orElseThrow(() -> new CredentialLookupException(
                "Credential helper " + binaryName() + " is not on the PATH, but " + configuredBy
                        + " asks for it. Install " + binaryName() + ", or remove that entry.", null));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), "get");
            builder.environment().clear();
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new CredentialLookupException("Could not start credential helper " + binary + " (asked for by "
                    + configuredBy + "): " + e.getMessage(), e);
        }
        Drain stdout = Drain.start(process.getInputStream(), binaryName() + " stdout");
        Drain stderr = Drain.start(process.getErrorStream(), binaryName() + " stderr");
        writeServerUrl(process, serverUrl);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                kill(process);
                throw new CredentialLookupException("Credential helper " + binaryName() + " did not answer within "
                        + DurationText.spaced(timeout) + " (" + timeoutSetting + "), so Hoist stopped it (asked for by " + configuredBy + ").", null);
            }
            long drainMillis = Math.max(DRAIN_GRACE_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            byte[] out = stdout.await(drainMillis);
            byte[] err = stderr.await(drainMillis);
            return interpret(process.exitValue(), out, err);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new CredentialLookupException("Interrupted while waiting for credential helper " + binaryName()
                    + " (asked for by " + configuredBy + ").", e);
        }
    }

    private Optional<RegistryCredentials> interpret(int exitCode, byte[] stdout, byte[] stderr) {
        String out = new String(stdout, StandardCharsets.UTF_8);
        String err = new String(stderr, StandardCharsets.UTF_8);
        if (exitCode != 0) {
            // The helpers library prints this on stdout; some helpers use stderr. Look, but never quote stdout.
            if ((out + "\n" + err).toLowerCase(Locale.ROOT).contains(NOT_FOUND)) {
                return Optional.empty();
            }
            String firstLine = err.strip().lines().findFirst().map(String::strip).orElse("");
            throw new CredentialLookupException("Credential helper " + binaryName() + " failed (exit " + exitCode
                    + "): " + (firstLine.isEmpty() ? "it wrote nothing on stderr" : abbreviate(firstLine))
                    + " (asked for by " + configuredBy + ").", null);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(out);
        } catch (IOException unparsable) {
            // Neither the parser's message nor the exception as cause: both quote the output, which holds the secret.
            answer = null;
        }
        JsonNode secret = answer == null ? null : answer.get("Secret");
        JsonNode username = answer == null ? null : answer.get("Username");
        if (secret == null || !secret.isTextual() || (username != null && !username.isNull() && !username.isTextual())) {
            throw new CredentialLookupException("Credential helper " + binaryName()
                    + " answered with something other than the JSON object {\"ServerURL\", \"Username\", \"Secret\"}"
                    + " that docker credential helpers print (asked for by " + configuredBy + ").", null);
        }
        if (secret.asText().isEmpty()) {
            return Optional.empty();
        }
        String source = binaryName() + " (" + configuredBy + ")";
        String user = username == null || username.isNull() ? "" : username.asText();
        if (RegistryCredentials.IDENTITY_TOKEN_USER.equals(user)) {
            return Optional.of(RegistryCredentials.identityToken(Secret.of(secret.asText()), source));
        }
        return Optional.of(RegistryCredentials.basic(user, Secret.of(secret.asText()), source));
    }

    private Optional<Path> findBinary() {
        String path = environment.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(Pattern.quote(File.pathSeparator))) {
            // An empty entry would mean the working directory; docker's lookup skips it too, and so do we.
            if (directory.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(directory, binaryName());
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException ignored) {
                // A malformed PATH entry cannot hold the helper.
            }
        }
        return Optional.empty();
    }

    private static void writeServerUrl(Process process, String serverUrl) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // The helper may exit without reading stdin; its exit status tells the rest.
        }
    }

    private static void kill(Process process) {
        // Children first: once the parent is gone they are no longer its descendants.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String abbreviate(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    @Override
    public String toString() {
        return "CredentialHelper[" + binaryName() + ", " + configuredBy + "]";
    }

    /** Reads a process stream on its own thread, so a chatty helper cannot block on a full pipe. */
    private static final class Drain implements Runnable {

        private final InputStream stream;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream stream, String name) {
            this.stream = stream;
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        static Drain start(InputStream stream, String name) {
            Drain drain = new Drain(stream, name);
            drain.thread.start();
            return drain;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (stream) {
                int read;
                while ((read = stream.read(buffer)) >= 0) {
                    synchronized (bytes) {
                        // Past the cap keep reading, so the helper is not stalled, but keep nothing.
                        int room = MAX_OUTPUT_BYTES - bytes.size();
                        if (room > 0) {
                            bytes.write(buffer, 0, Math.min(room, read));
                        }
                    }
                }
            } catch (IOException ignored) {
                // The process was killed or closed the stream; what was read so far is the answer.
            }
        }

        /** What was read once the stream ends, or after {@code millis} if a grandchild keeps it open. */
        byte[] await(long millis) throws InterruptedException {
            thread.join(millis);
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }
    }
}
