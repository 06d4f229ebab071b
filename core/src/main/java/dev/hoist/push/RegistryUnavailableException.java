package dev.hoist.push;

import java.util.List;

/**
 * The retries were spent: {@link RegistryException#unavailable}, reason {@link RegistryException.Reason#UNAVAILABLE}.
 *
 * @deprecated use {@link RegistryException#unavailable}; kept only while {@code dev.hoist.transport} still names it
 */
// TODO(lead): remove after the transport merge
@Deprecated
public class RegistryUnavailableException extends RegistryException {

    public RegistryUnavailableException(String message, int attempts, Throwable cause) {
        super(Reason.UNAVAILABLE, message, cause, 0, List.of(), attempts);
    }
}
