package dev.hoist.push;

/** The engine's socket exists, but this user may not open it. */
public class EngineAccessDeniedException extends PushException {

    /** @param endpoint the engine and the rule that chose it */
    public EngineAccessDeniedException(String endpoint, Throwable cause) {
        super("Permission denied on the Docker engine's socket " + endpoint + ". The engine may well be running;"
                + " the user running Hoist needs access to the socket, for example membership in the 'docker' group"
                + " (then log in again), or point DOCKER_HOST at an engine this user may use, such as a rootless one.",
                cause);
    }
}
