package dev.hoist.push;

/**
 * A push failure with no more specific type: {@link PushException#failed}.
 *
 * @deprecated use {@link PushException#failed}; kept only while {@code dev.hoist.transport} still names it
 */
// TODO(lead): remove after the transport merge
@Deprecated
public class PushFailedException extends PushException {

    public PushFailedException(String image, String engineMessage, Throwable cause) {
        super(failedMessage(image, engineMessage), cause);
    }
}
