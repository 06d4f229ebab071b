package dev.hoist.push;

/** Hoist could not talk to the Docker engine at all. */
public class DockerDaemonUnreachableException extends PushException {

    public DockerDaemonUnreachableException(String dockerHost, Throwable cause) {
        super("Cannot reach the Docker daemon at " + dockerHost + ": " + rootMessage(cause)
                + ". Start the daemon, or point DOCKER_HOST (config: hoist.docker.host) at a running one.",
                cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null || root.getMessage() == null ? "no answer" : root.getMessage();
    }
}
