package dev.hoist.plugin;

import dev.hoist.push.Classified;
import dev.hoist.push.ErrorKind;
import dev.hoist.spi.HoistException;

/** A plugins directory that cannot be read. */
public class PluginException extends HoistException implements Classified {

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@link ErrorKind#CONFIGURATION}: the CLI exits 2. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIGURATION;
    }
}
