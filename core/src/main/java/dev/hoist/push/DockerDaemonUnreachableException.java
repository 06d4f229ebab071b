package dev.hoist.push;

/** Hoist could not talk to the Docker engine at all. */
public class DockerDaemonUnreachableException extends PushException {

    /**
     * @param dockerHost the endpoint tried
     * @param cause the failure
     * @param hostSetting the setting that names the engine, such as {@code hoist.docker.host}
     */
    public DockerDaemonUnreachableException(String dockerHost, Throwable cause, String hostSetting) {
        super("Cannot reach the Docker daemon at " + dockerHost + ": " + rootMessage(cause)
                + ". Start the daemon, or point DOCKER_HOST (config: " + hostSetting + ") at a running one.",
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
