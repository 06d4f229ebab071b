package dev.hoist.push;

import dev.hoist.spi.CredentialLookupException;

/**
 * What the caller of Hoist does about an error, and so the CLI's exit code: every error Hoist raises on purpose
 * is {@link Classified} by one of these. A kind groups causes a caller handles alike (fix the image name, fix the
 * source, fix the credentials, check the network, ...); the exception's type and its reason say which cause it was.
 */
public enum ErrorKind {

    /** The image name cannot be pushed as written, or not to this registry: fix the name. */
    IMAGE_NAME(1),
    /** The image source cannot be read as an image: fix or re-create the source. */
    SOURCE(1),
    /** The registry refused the credentials, or Hoist would not send them: fix the credentials or the account. */
    AUTHENTICATION(1),
    /** The registry cannot be reached: check the network, the registry's address and its TLS files. */
    CONNECTION(1),
    /** The registry refused or failed what was sent: read its answer, push again later or otherwise. */
    REGISTRY(1),
    /** The Docker engine is missing, unreachable, silent or refused: check the engine. */
    ENGINE(1),
    /** The config, a plugin, a flavor, a credential source or the engine's address is wrong: fix the setup. */
    CONFIGURATION(2),
    /** The push was cancelled: its thread was interrupted (Ctrl-C in the CLI). */
    CANCELLED(130),
    /** A failure with no more specific kind. */
    FAILED(1);

    private final int exitCode;

    ErrorKind(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The CLI's exit code for an error of this kind (the README's "Exit codes"). */
    public int exitCode() {
        return exitCode;
    }

    /**
     * The kind of any error: its own when it is {@link Classified}; {@link #CONFIGURATION} for a
     * {@link CredentialLookupException}, which credential sources throw (core's and flavors', from the SPI, which
     * knows no kinds); {@link #FAILED} for anything else.
     */
    public static ErrorKind of(Throwable error) {
        if (error instanceof Classified classified) {
            return classified.kind();
        }
        if (error instanceof CredentialLookupException) {
            return CONFIGURATION;
        }
        return FAILED;
    }
}
