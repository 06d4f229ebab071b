package dev.hoist.push;

/**
 * The engine answered an operation that is about no image (a ping, its version, loading an archive) with an
 * HTTP error; the message carries its status and its own words, and names the endpoint and the rule that chose it.
 */
public class EngineErrorException extends PushException {

    /**
     * @param what what was going on, such as {@code asking the engine for its version}
     * @param endpoint the engine and the rule that chose it
     * @param status the HTTP status it answered, or null when unknown
     * @param engineMessage the engine's own words
     */
    public EngineErrorException(String what, String endpoint, Integer status, String engineMessage, Throwable cause) {
        super("The Docker engine at " + endpoint + " answered " + (status == null ? "an error" : "HTTP " + status)
                + " while " + what + ": " + engineMessage + ". Check the engine's log, or that the endpoint is a"
                + " Docker or Podman engine.", cause);
    }
}
