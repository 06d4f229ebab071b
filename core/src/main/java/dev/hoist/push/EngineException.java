package dev.hoist.push;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Docker engine (or Podman's Docker API) failed Hoist: none was found, it could not be reached or opened, it
 * went quiet or dropped the connection, it answered with an error or not in the Docker API, or it refused a name
 * ({@link ErrorKind#ENGINE}); or the place that names it, {@code DOCKER_HOST}, a docker context or docker's
 * {@code config.json}, cannot be used ({@link ErrorKind#CONFIGURATION}: the CLI exits 2). The message names the
 * endpoint and the rule that chose it, and never a password.
 */
public class EngineException extends PushException {

    /** What went wrong with the engine; each reason has its {@link #kind()}. */
    public enum Reason {
        /**
         * No rule of engine discovery found an engine: no {@code hoist.docker.host}, no {@code DOCKER_HOST}, no
         * docker context, and none of the well-known sockets answered; {@link #tried()} lists every place tried.
         */
        NOT_FOUND(ErrorKind.ENGINE),
        /** Hoist could not talk to the engine at all. */
        UNREACHABLE(ErrorKind.ENGINE),
        /** The engine's socket exists, but this user may not open it. */
        ACCESS_DENIED(ErrorKind.ENGINE),
        /** The engine closed the connection in the middle of an answer, such as a push's progress stream. */
        CONNECTION_DROPPED(ErrorKind.ENGINE),
        /**
         * The engine answered an operation that is about no image (a ping, its version, loading an archive) with
         * an HTTP error; the message carries its status and its own words.
         */
        ERROR(ErrorKind.ENGINE),
        /** Something answered at the engine's endpoint, but not in the Docker API: an HTML page, a proxy. */
        PROTOCOL(ErrorKind.ENGINE),
        /**
         * The engine refused an image name that Hoist accepts, typically a registry given as an IPv6 literal such
         * as {@code [::1]:5000}, which Docker's reference grammar does not allow.
         */
        REFUSED_NAME(ErrorKind.ENGINE),
        /**
         * The engine went quiet: no connection within {@code hoist.docker.connect-timeout}, no byte in either
         * direction for {@code hoist.docker.idle-timeout}, or a push longer than {@code hoist.docker.push-timeout};
         * {@link #setting()} names the setting that fired.
         */
        TIMEOUT(ErrorKind.ENGINE),
        /**
         * A docker context is named (by {@code DOCKER_CONTEXT} or {@code currentContext} in docker's
         * {@code config.json}) but cannot be used: it is not in docker's context store, or its {@code meta.json}
         * names no docker endpoint; {@link #context()} names it.
         */
        CONTEXT_NOT_FOUND(ErrorKind.CONFIGURATION),
        /**
         * A file engine discovery must read, docker's {@code config.json} or a context's {@code meta.json}, cannot
         * be read. The message names the file, never its content (a {@code config.json} holds credentials).
         */
        UNUSABLE_FILE(ErrorKind.CONFIGURATION),
        /**
         * An engine address Hoist cannot speak to, named by {@code DOCKER_HOST} or a docker context (the same
         * address in {@code hoist.docker.host} is refused when the config loads).
         */
        INVALID_HOST(ErrorKind.CONFIGURATION);

        private final ErrorKind kind;

        Reason(ErrorKind kind) {
            this.kind = kind;
        }

        /** The kind of an engine error for this reason. */
        public ErrorKind kind() {
            return kind;
        }
    }

    private final Reason reason;
    private final List<String> tried;
    private final String setting;
    private final String context;

    private EngineException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, List.of(), null, null);
    }

    private EngineException(Reason reason, String message, Throwable cause, List<String> tried, String setting,
                            String context) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.tried = List.copyOf(tried);
        this.setting = setting;
        this.context = context;
    }

    /**
     * No engine found.
     *
     * @param tried each place looked at, with what was found there, in the order tried
     * @param hostSetting the setting that names the engine, such as {@code hoist.docker.host}
     */
    public static EngineException notFound(List<String> tried, String hostSetting) {
        return new EngineException(Reason.NOT_FOUND, "Found no Docker engine. Tried, in order: "
                + String.join("; ", tried) + ". Start Docker or Podman, or set DOCKER_HOST (config: " + hostSetting
                + ").", null, tried, null, null);
    }

    /**
     * The engine cannot be reached.
     *
     * @param dockerHost the endpoint tried
     * @param cause the failure
     * @param hostSetting the setting that names the engine, such as {@code hoist.docker.host}
     */
    public static EngineException unreachable(String dockerHost, Throwable cause, String hostSetting) {
        return new EngineException(Reason.UNREACHABLE, "Cannot reach the Docker daemon at " + dockerHost + ": "
                + rootMessage(cause) + ". Start the daemon, or point DOCKER_HOST (config: " + hostSetting
                + ") at a running one.", cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null || root.getMessage() == null ? "no answer" : root.getMessage();
    }

    /**
     * This user may not open the engine's socket.
     *
     * @param endpoint the engine and the rule that chose it
     * @param cause the failure
     */
    public static EngineException accessDenied(String endpoint, Throwable cause) {
        return new EngineException(Reason.ACCESS_DENIED, "Permission denied on the Docker engine's socket " + endpoint
                + ". The engine may well be running; the user running Hoist needs access to the socket, for example"
                + " membership in the 'docker' group (then log in again), or point DOCKER_HOST at an engine this user"
                + " may use, such as a rootless one.", cause);
    }

    /**
     * The engine dropped the connection before it finished.
     *
     * @param what what was going on, such as {@code pushing 'localhost:5000/app:1'}
     * @param endpoint the engine and the rule that chose it
     * @param cause the failure
     */
    public static EngineException connectionDropped(String what, String endpoint, Throwable cause) {
        return new EngineException(Reason.CONNECTION_DROPPED, "The Docker engine at " + endpoint + " dropped the"
                + " connection while " + what + ", before it finished. The engine may have restarted or crashed; check"
                + " its log, then try again.", cause);
    }

    /**
     * The engine answered an operation about no image with an HTTP error.
     *
     * @param what what was going on, such as {@code asking the engine for its version}
     * @param endpoint the engine and the rule that chose it
     * @param status the HTTP status it answered, or null when unknown
     * @param engineMessage the engine's own words
     * @param cause the failure
     */
    public static EngineException error(String what, String endpoint, Integer status, String engineMessage,
                                        Throwable cause) {
        return new EngineException(Reason.ERROR, "The Docker engine at " + endpoint + " answered "
                + (status == null ? "an error" : "HTTP " + status) + " while " + what + ": " + engineMessage
                + ". Check the engine's log, or that the endpoint is a Docker or Podman engine.", cause);
    }

    /**
     * Something that is not the Docker API answered.
     *
     * @param endpoint the endpoint and the rule that chose it
     * @param what what came back, in a few words, such as {@code a body that is not JSON}
     * @param cause the failure
     */
    public static EngineException protocol(String endpoint, String what, Throwable cause) {
        return new EngineException(Reason.PROTOCOL, "The endpoint " + endpoint + " answered, but with something that"
                + " is not the Docker API (" + what + "). Check that it points at a Docker or Podman engine, not at"
                + " another service.", cause);
    }

    /**
     * The engine refused a valid image name.
     *
     * @param image the name the engine refused
     * @param engineMessage the engine's words, such as {@code invalid reference format}
     * @param cause the failure, or {@code null}
     */
    public static EngineException refusedName(String image, String engineMessage, Throwable cause) {
        return new EngineException(Reason.REFUSED_NAME, "The Docker engine refused the name '" + image + "' ("
                + engineMessage + "), although it is a valid image reference." + (image.startsWith("[")
                ? " Docker engines do not accept a registry written as an IPv6 address; give the registry a host name"
                + " (for example in /etc/hosts) and tag the image with it, or push with the registry-API transport,"
                + " which accepts IPv6 addresses." : ""), cause);
    }

    /**
     * The engine went quiet; the message names the setting that fired and its value as written.
     *
     * @param what what was going on, such as {@code pushing 'localhost:5000/app:1'}
     * @param endpoint the engine and the rule that chose it
     * @param happened what did not happen in time, with the limit as the user wrote it, such as
     *        {@code no byte moved in either direction for 60s}
     * @param setting the config key that set the limit, such as {@code hoist.docker.idle-timeout}
     * @param cause the failure, or {@code null}
     */
    public static EngineException timeout(String what, String endpoint, String happened, String setting,
                                          Throwable cause) {
        return new EngineException(Reason.TIMEOUT, "Gave up " + what + ": " + happened + " (" + setting + ") at "
                + endpoint + ". The engine may be hung or overloaded; check it (docker info), or raise " + setting
                + ".", cause, List.of(), setting, null);
    }

    /**
     * A named docker context cannot be used.
     *
     * @param context the context's name
     * @param namedBy what named it: {@code DOCKER_CONTEXT}, or {@code currentContext in /home/me/.docker/config.json}
     * @param searched the context store directory looked in ({@code <config dir>/contexts/meta})
     * @param reason what is wrong, for example {@code it has no meta.json there}
     * @param hostSetting the setting that names the engine, such as {@code hoist.docker.host}
     */
    public static EngineException contextNotFound(String context, String namedBy, Path searched, String reason,
                                                  String hostSetting) {
        return new EngineException(Reason.CONTEXT_NOT_FOUND, "Docker context '" + context + "' (named by " + namedBy
                + ") cannot be used: " + reason + " (searched " + searched + "). Create it with docker context create,"
                + " pick another with DOCKER_CONTEXT or docker context use, or set " + hostSetting + ".", null,
                List.of(), null, context);
    }

    /**
     * A file engine discovery must read cannot be read.
     *
     * @param file the file
     * @param reason what is wrong with it
     * @param hostSetting the setting that names the engine, such as {@code hoist.docker.host}
     */
    public static EngineException unusableFile(Path file, String reason, String hostSetting) {
        return new EngineException(Reason.UNUSABLE_FILE, "Cannot find the Docker engine: " + file + " is unusable: "
                + reason + ". Fix or remove it, or set DOCKER_HOST (config: " + hostSetting + ").", null);
    }

    /**
     * An engine address Hoist cannot speak to; the message shows the address without its password.
     *
     * @param namedBy where the address came from, such as {@code DOCKER_HOST} or
     *        {@code docker context 'ci' (/root/.docker/contexts/meta/…/meta.json, Endpoints.docker.Host)}
     * @param problem the sentence of {@code dev.hoist.config.DockerEndpoints#problem(String)}
     * @param fix what to do, such as {@code Fix or unset DOCKER_HOST, or set hoist.docker.host}
     */
    public static EngineException invalidHost(String namedBy, String problem, String fix) {
        return new EngineException(Reason.INVALID_HOST, "Cannot use the Docker engine named by " + namedBy + ": "
                + problem + " " + fix + ".", null);
    }

    /** What went wrong with the engine. */
    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#NOT_FOUND}, the places tried, in order; empty otherwise. */
    public List<String> tried() {
        return tried;
    }

    /** For {@link Reason#TIMEOUT}, the config key of the timeout that fired. */
    public Optional<String> setting() {
        return Optional.ofNullable(setting);
    }

    /** For {@link Reason#CONTEXT_NOT_FOUND}, the context's name. */
    public Optional<String> context() {
        return Optional.ofNullable(context);
    }

    /** {@link ErrorKind#ENGINE}, or {@link ErrorKind#CONFIGURATION} for what names the engine. */
    @Override
    public ErrorKind kind() {
        return reason.kind();
    }
}
