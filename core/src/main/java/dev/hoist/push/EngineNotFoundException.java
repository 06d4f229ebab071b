package dev.hoist.push;

import java.util.List;

/**
 * No rule of engine discovery found a Docker engine: no {@code hoist.docker.host}, no
 * {@code DOCKER_HOST}, no docker context, and none of the well-known sockets answered.
 * The message lists every place tried.
 */
public class EngineNotFoundException extends PushException {

    private final List<String> tried;

    /**
     * @param tried each place looked at, with what was found there, in the order tried
     * @param hostSetting the setting that names the engine, such as {@code hoist.docker.host}
     */
    public EngineNotFoundException(List<String> tried, String hostSetting) {
        super("Found no Docker engine. Tried, in order: " + String.join("; ", tried)
                + ". Start Docker or Podman, or set DOCKER_HOST (config: " + hostSetting + ").", null);
        this.tried = List.copyOf(tried);
    }

    /** The places tried, in order. */
    public List<String> tried() {
        return tried;
    }
}
