package dev.hoist.push;

import dev.hoist.spi.HoistException;

/** A push that did not happen. Each subclass names one cause and says what to do about it. */
public abstract class PushException extends HoistException {

    protected PushException(String message, Throwable cause) {
        super(message, cause);
    }
}
