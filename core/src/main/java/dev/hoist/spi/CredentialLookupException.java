package dev.hoist.spi;

import dev.hoist.spi.HoistException;

/** A credential source that should answer but cannot: a missing helper, an unreadable file. */
public class CredentialLookupException extends HoistException {

    public CredentialLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
