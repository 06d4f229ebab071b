package dev.hoist.push;

/**
 * The registry kept answering with a transient failure (408, 429, 500, 502, 503 or 504, or a reset, refused or
 * silent connection) until the registry-API transport's retries ({@code hoist.registry-api.retry-attempts}) were
 * spent. The message says how many attempts were made and why the last one failed.
 */
public class RegistryUnavailableException extends RegistryApiException {

    private final int attempts;

    /**
     * @param message one line: the request, the number of attempts and the last failure
     * @param attempts how many attempts were made, at least 1
     * @param cause the last failure, or {@code null}
     */
    public RegistryUnavailableException(String message, int attempts, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
    }

    /** How many attempts were made, the first one included. */
    public int attempts() {
        return attempts;
    }
}
