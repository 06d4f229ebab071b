package dev.hoist.discovery;

import dev.hoist.spi.HoistException;

/** A flavor's code failed or answered nonsense; the message names the flavor, its class and its jar. */
public final class FlavorFailureException extends HoistException {

    /**
     * @param message one line naming the flavor, class, jar and what went wrong
     * @param cause the flavor's own failure, if any
     */
    public FlavorFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
