package dev.hoist.plugin;

import dev.hoist.HoistException;

/** A plugins directory that cannot be read. */
public class PluginException extends HoistException {

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
