package dev.hoist.docker;

import dev.hoist.spi.HoistException;
import java.nio.file.Path;

/**
 * A docker context is named (by {@code DOCKER_CONTEXT} or {@code currentContext} in docker's
 * {@code config.json}) but cannot be used: it is not in docker's context store, or its
 * {@code meta.json} names no docker endpoint. A configuration error: the CLI exits 2.
 */
public class EngineContextNotFoundException extends HoistException {

    private final String context;

    /**
     * @param context the context's name
     * @param namedBy what named it: {@code DOCKER_CONTEXT}, or {@code currentContext in /home/me/.docker/config.json}
     * @param searched the context store directory looked in ({@code <config dir>/contexts/meta})
     * @param reason what is wrong, for example {@code it has no meta.json there}
     * @param hostSetting the setting that names the engine, such as {@code hoist.docker.host}
     */
    public EngineContextNotFoundException(String context, String namedBy, Path searched, String reason, String hostSetting) {
        super("Docker context '" + context + "' (named by " + namedBy + ") cannot be used: " + reason
                + " (searched " + searched + "). Create it with docker context create, pick another with"
                + " DOCKER_CONTEXT or docker context use, or set " + hostSetting + ".");
        this.context = context;
    }

    /** The context's name. */
    public String context() {
        return context;
    }
}
