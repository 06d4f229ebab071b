package dev.hoist.push;

/**
 * The registry answered the registry-API transport in a way that ends the push: an unexpected status, a
 * malformed header, a redirect to another host. Subclasses name the common cases. The message quotes the
 * registry's own error code and text (never a credential or token) and the request that failed.
 */
public class RegistryApiException extends PushException {

    /**
     * @param message one line: the request, the status and what the registry said
     * @param cause the underlying failure, or {@code null}
     */
    public RegistryApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
