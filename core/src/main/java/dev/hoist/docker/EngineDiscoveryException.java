package dev.hoist.docker;

import dev.hoist.spi.HoistException;
import java.nio.file.Path;

/**
 * A file engine discovery must read, docker's {@code config.json} or a context's {@code meta.json},
 * cannot be read. The message names the file, never its content (a {@code config.json} holds credentials).
 */
public class EngineDiscoveryException extends HoistException {

    /**
     * @param file the file
     * @param reason what is wrong with it
     * @param hostSetting the setting that names the engine, such as {@code hoist.docker.host}
     */
    public EngineDiscoveryException(Path file, String reason, String hostSetting) {
        super("Cannot find the Docker engine: " + file + " is unusable: " + reason
                + ". Fix or remove it, or set DOCKER_HOST (config: " + hostSetting + ").");
    }

    /** @param message the whole message, one line; for a subclass with its own wording */
    protected EngineDiscoveryException(String message) {
        super(message);
    }
}
