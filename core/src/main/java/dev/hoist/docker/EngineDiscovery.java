package dev.hoist.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.auth.Environment;
import dev.hoist.config.DockerEndpoints;
import dev.hoist.config.DockerSettings;
import dev.hoist.push.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the Docker engine the way the docker CLI does. The first rule that gives an endpoint wins:
 * <ol>
 *   <li>{@code hoist.docker.host} in the config (source {@code config});</li>
 *   <li>the {@code DOCKER_HOST} variable (source {@code DOCKER_HOST}), with {@code DOCKER_TLS_VERIFY}
 *       and {@code DOCKER_CERT_PATH};</li>
 *   <li>a docker context (source {@code context:<name>}): {@code DOCKER_CONTEXT}, else {@code currentContext}
 *       in {@code <config dir>/config.json}, where the config dir is {@code hoist.docker.config-dir}, else
 *       {@code DOCKER_CONFIG}, else {@code ~/.docker}. The context is read from docker's context store: the
 *       endpoint is {@code Endpoints.docker.Host} (and {@code SkipTLSVerify}) in
 *       {@code contexts/meta/<sha256 hex of the name>/meta.json}, the TLS material is under
 *       {@code contexts/tls/<same>/docker/}. The context {@code default} means no context;</li>
 *   <li>the first well-known socket that exists and answers {@code GET /_ping} (source {@code socket}):
 *       {@code /var/run/docker.sock}, the rootless {@code $XDG_RUNTIME_DIR/docker.sock}, Docker Desktop's
 *       {@code ~/.docker/run/docker.sock}, Colima's {@code ~/.colima/default/docker.sock}, Podman's rootless
 *       {@code $XDG_RUNTIME_DIR/podman/podman.sock} and Podman's {@code /run/podman/podman.sock}.</li>
 * </ol>
 * Spec source: the docker CLI's endpoint resolution ({@code docker context} documentation, "Docker contexts"
 * and the {@code DOCKER_HOST}/{@code DOCKER_CONTEXT} environment variables), and its context store layout.
 *
 * <p>Only rule 4 touches the network (a ping of a local socket); the others read variables and files.
 */
public final class EngineDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerSettings settings;
    private final Environment environment;
    private final List<Path> sockets;
    private final Predicate<Path> answers;

    /**
     * Discovery over the well-known sockets of {@code environment}, each pinged with the connect timeout.
     *
     * @param settings {@code hoist.docker}
     * @param environment the variables and home directory to read
     */
    public EngineDiscovery(DockerSettings settings, Environment environment) {
        this(settings, environment, defaultSockets(environment),
                new SocketPing(settings.connectTimeout().duration()));
    }

    /**
     * Discovery over the given sockets: a seam for tests, which must not depend on this machine's sockets.
     *
     * @param sockets the sockets of rule 4, in order
     * @param answers whether a socket answers the Docker API's ping
     */
    public EngineDiscovery(DockerSettings settings, Environment environment, List<Path> sockets, Predicate<Path> answers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.sockets = List.copyOf(sockets);
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    /** The well-known sockets of rule 4 for {@code environment}, in the order tried. */
    public static List<Path> defaultSockets(Environment environment) {
        List<Path> sockets = new ArrayList<>();
        Optional<String> runtime = environment.get("XDG_RUNTIME_DIR");
        sockets.add(Path.of("/var/run/docker.sock"));
        runtime.ifPresent(dir -> sockets.add(Path.of(dir, "docker.sock")));
        sockets.add(environment.home().resolve(".docker/run/docker.sock"));
        sockets.add(environment.home().resolve(".colima/default/docker.sock"));
        runtime.ifPresent(dir -> sockets.add(Path.of(dir, "podman", "podman.sock")));
        sockets.add(Path.of("/run/podman/podman.sock"));
        return List.copyOf(sockets);
    }

    /**
     * The engine's endpoint, by the first rule that gives one.
     *
     * @throws EngineException with reason {@link EngineException.Reason#CONTEXT_NOT_FOUND} when a context is named
     *         but is not in the context store, or names no docker endpoint; {@link EngineException.Reason#UNUSABLE_FILE}
     *         when docker's {@code config.json} or a context's {@code meta.json} cannot be read;
     *         {@link EngineException.Reason#INVALID_HOST} when {@code hoist.docker.host}, {@code DOCKER_HOST} or the
     *         context names an address Hoist cannot speak to (see {@link DockerEndpoints}): all three of kind
     *         {@link dev.hoist.push.ErrorKind#CONFIGURATION}; {@link EngineException.Reason#NOT_FOUND} when no rule
     *         gives an endpoint, the message listing every place tried
     */
    public EngineEndpoint discover() {
        List<String> tried = new ArrayList<>();
        Optional<String> configured = settings.configuredHost();
        if (configured.isPresent()) {
            checked(configured.get(), hostSetting(), "Fix " + hostSetting());
            return new EngineEndpoint(configured.get(), EngineEndpoint.CONFIG, tlsVerify(),
                    certPath().map(Path::of), false, hostSetting());
        }
        tried.add(hostSetting() + " (not set)");
        Optional<String> dockerHost = environment.get("DOCKER_HOST");
        if (dockerHost.isPresent()) {
            checked(dockerHost.get(), "DOCKER_HOST", "Fix or unset DOCKER_HOST, or set " + hostSetting());
            return new EngineEndpoint(dockerHost.get().strip(), EngineEndpoint.DOCKER_HOST, tlsVerify(),
                    certPath().map(Path::of), false, hostSetting());
        }
        tried.add("DOCKER_HOST (not set)");
        Optional<EngineEndpoint> fromContext = fromContext(tried);
        if (fromContext.isPresent()) {
            return fromContext.get();
        }
        for (Path socket : sockets) {
            if (!Files.exists(socket)) {
                tried.add(socket + " (missing)");
            } else if (answers.test(socket)) {
                return EngineEndpoint.plain("unix://" + socket, EngineEndpoint.SOCKET, hostSetting());
            } else {
                tried.add(socket + " (exists, but no engine answered)");
            }
        }
        throw EngineException.notFound(tried, hostSetting());
    }

    /** The docker CLI's configuration directory: {@code hoist.docker.config-dir}, {@code DOCKER_CONFIG}, {@code ~/.docker}. */
    public Path configDir() {
        return environment.dockerConfigDir(settings.configDir());
    }

    private Optional<EngineEndpoint> fromContext(List<String> tried) {
        Path configDir = configDir();
        Path configFile = configDir.resolve("config.json");
        String name;
        String namedBy;
        Optional<String> variable = environment.get("DOCKER_CONTEXT");
        if (variable.isPresent()) {
            name = variable.get().strip();
            namedBy = "DOCKER_CONTEXT";
        } else {
            Optional<String> current = currentContext(configFile);
            if (current.isEmpty()) {
                tried.add("docker context (DOCKER_CONTEXT not set, no currentContext in " + configFile + ")");
                return Optional.empty();
            }
            name = current.get();
            namedBy = "currentContext in " + configFile;
        }
        if (name.equals("default")) {
            tried.add("docker context 'default' (named by " + namedBy + "; it means no context)");
            return Optional.empty();
        }
        String id = sha256Hex(name);
        Path metaDir = configDir.resolve("contexts").resolve("meta");
        Path meta = metaDir.resolve(id).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            throw EngineException.contextNotFound(name, namedBy, metaDir, "it has no " + id + "/meta.json there",
                    hostSetting());
        }
        JsonNode docker = readJson(meta, hostSetting()).path("Endpoints").path("docker");
        String host = docker.path("Host").asText("");
        if (host.isBlank()) {
            throw EngineException.contextNotFound(name, namedBy, metaDir,
                    "its meta.json has no Endpoints.docker.Host", hostSetting());
        }
        checked(host, "docker context '" + name + "' (named by " + namedBy + "; Endpoints.docker.Host in " + meta + ")",
                "Fix the context (docker context update " + name + " --docker host=...), choose another, or set DOCKER_HOST or "
                        + hostSetting());
        boolean skipTlsVerify = docker.path("SkipTLSVerify").asBoolean(false);
        Path tlsDir = configDir.resolve("contexts").resolve("tls").resolve(id).resolve("docker");
        boolean hasTls = Files.isRegularFile(tlsDir.resolve("ca.pem")) || Files.isRegularFile(tlsDir.resolve("cert.pem"));
        return Optional.of(new EngineEndpoint(host.strip(), EngineEndpoint.CONTEXT_PREFIX + name, hasTls,
                hasTls ? Optional.of(tlsDir) : Optional.empty(), skipTlsVerify, hostSetting()));
    }

    /** Refuses an address Hoist cannot speak to, by the same rule as {@code hoist.docker.host} at load. */
    private static void checked(String endpoint, String namedBy, String fix) {
        Optional<String> problem = DockerEndpoints.problem(endpoint);
        if (problem.isPresent()) {
            throw EngineException.invalidHost(namedBy, problem.get(), fix);
        }
    }

    /** The setting that names an engine, such as {@code hoist.docker.host}, for messages. */
    private String hostSetting() {
        return settings.setting("host");
    }

    private Optional<String> currentContext(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            return Optional.empty();
        }
        String current = readJson(configFile, hostSetting()).path("currentContext").asText("").strip();
        return current.isEmpty() ? Optional.empty() : Optional.of(current);
    }

    private static JsonNode readJson(Path file, String hostSetting) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw EngineException.unusableFile(file, "it does not hold a JSON object", hostSetting);
            }
            return node;
        } catch (IOException unreadable) {
            // Jackson's message quotes the file's content, which may hold credentials: name the kind only.
            throw EngineException.unusableFile(file, unreadable instanceof com.fasterxml.jackson.core.JsonProcessingException
                    ? "it is not valid JSON" : "it cannot be read (" + unreadable.getClass().getSimpleName() + ")", hostSetting);
        }
    }

    /** TLS is on when {@code hoist.docker.tls-verify} says so, else when {@code DOCKER_TLS_VERIFY} is set as docker reads it. */
    private boolean tlsVerify() {
        if (settings.tlsVerify()) {
            return true;
        }
        return environment.get("DOCKER_TLS_VERIFY")
                .map(value -> !List.of("0", "false", "no").contains(value.strip().toLowerCase(Locale.ROOT)))
                .orElse(false);
    }

    private Optional<String> certPath() {
        return settings.certPath().or(() -> environment.get("DOCKER_CERT_PATH"));
    }

    /** The context store's directory name for a context: the SHA-256 of its name, in lower-case hex. */
    static String sha256Hex(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("This JVM has no SHA-256", impossible);
        }
    }
}
