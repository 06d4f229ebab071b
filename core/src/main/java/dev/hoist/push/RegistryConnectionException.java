package dev.hoist.push;

/**
 * The registry-API transport could not talk to the registry at all: refused connection, unknown host, TLS
 * failure, or a timeout (the message names the setting, e.g. {@code hoist.registry-api.connect-timeout}).
 */
public class RegistryConnectionException extends RegistryApiException {

    /**
     * @param message one line: which registry, what failed and what to check
     * @param cause the I/O failure
     */
    public RegistryConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
