package dev.hoist.spi;

import dev.hoist.spi.HoistException;

/** A credential source that should answer but cannot: a missing helper, an unreadable file. */
public class CredentialLookupException extends HoistException {

    /**
     * A source that cannot be read.
     *
     * @param message one line naming the source and the setting or helper behind it, never a secret
     * @param cause the underlying failure, or {@code null}
     */
    public CredentialLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
