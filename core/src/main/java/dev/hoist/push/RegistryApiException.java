package dev.hoist.push;

import java.util.List;

/**
 * An answer the registry-API transport cannot go on from: {@link RegistryException#unexpected}.
 *
 * @deprecated use {@link RegistryException}; kept only while {@code dev.hoist.transport}'s javadoc still names it
 */
// TODO(lead): remove after the transport merge
@Deprecated
public class RegistryApiException extends RegistryException {

    public RegistryApiException(String message, Throwable cause) {
        super(Reason.UNEXPECTED_ANSWER, message, cause, 0, List.of(), 1);
    }
}
