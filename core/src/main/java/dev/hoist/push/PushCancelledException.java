package dev.hoist.push;

/**
 * The push was cancelled: its thread was interrupted ({@link Thread#interrupt()}, or Ctrl-C in the CLI, which exits
 * 130). The uploads in flight were aborted and their upload sessions cancelled ({@code DELETE}) where the registry
 * allows it; blobs committed before stay in the registry, so a new push skips them. No tag was written unless the
 * manifest was already sent. Its kind is {@link ErrorKind#CANCELLED}; it has one reason.
 */
public class PushCancelledException extends PushException {

    /**
     * @param message one line: what was cancelled and what was cleaned up
     * @param cause the interruption, or {@code null}
     */
    public PushCancelledException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@link ErrorKind#CANCELLED}. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CANCELLED;
    }
}
