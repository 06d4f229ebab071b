package dev.hoist.plugin;

import dev.hoist.spi.HoistException;

/** A plugins directory that cannot be read. */
public class PluginException extends HoistException {

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
