package dev.hoist.push;

/** Something answered at the engine's endpoint, but not in the Docker API: an HTML page, a proxy, another service. */
public class EngineProtocolException extends PushException {

    /**
     * @param endpoint the endpoint and the rule that chose it
     * @param what what came back, in a few words, such as {@code a body that is not JSON}
     */
    public EngineProtocolException(String endpoint, String what, Throwable cause) {
        super("The endpoint " + endpoint + " answered, but with something that is not the Docker API (" + what
                + "). Check that it points at a Docker or Podman engine, not at another service.", cause);
    }
}
