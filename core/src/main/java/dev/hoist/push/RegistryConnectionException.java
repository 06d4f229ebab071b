package dev.hoist.push;

import java.util.Objects;

/**
 * The registry, or its token service, cannot be reached ({@link ErrorKind#CONNECTION}): refused connection,
 * unknown host, TLS failure, or a timeout (the message names the setting, e.g.
 * {@code hoist.registry-api.connect-timeout}); a CA file or client certificate for it that cannot be used; or the
 * Docker engine could not reach it.
 */
public class RegistryConnectionException extends PushException {

    /** Why the registry cannot be reached. */
    public enum Reason {
        /** Hoist could not talk to the registry or its token service at all. */
        UNREACHABLE,
        /** A CA file, client certificate or key for the registry cannot be read or used. */
        TLS_MATERIAL,
        /** The Docker engine could not reach the registry. */
        VIA_ENGINE
    }

    private final Reason reason;

    private RegistryConnectionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Hoist could not talk to the registry (or its token service).
     *
     * @param message one line: which registry, what failed and what to check
     * @param cause the I/O failure, or {@code null}
     */
    public static RegistryConnectionException unreachable(String message, Throwable cause) {
        return new RegistryConnectionException(Reason.UNREACHABLE, message, cause);
    }

    /**
     * A file of the registry's TLS setup cannot be used.
     *
     * @param message one line naming the file and the registry, never a key's content
     * @param cause the failure, or {@code null}
     */
    public static RegistryConnectionException tlsMaterial(String message, Throwable cause) {
        return new RegistryConnectionException(Reason.TLS_MATERIAL, message, cause);
    }

    /**
     * The Docker engine could not reach the registry.
     *
     * @param image the image being pushed
     * @param engineMessage the engine's words
     */
    public static RegistryConnectionException viaEngine(String image, String engineMessage) {
        return new RegistryConnectionException(Reason.VIA_ENGINE, "The Docker engine could not reach the registry of '"
                + image + "': " + engineMessage + ". Check that the registry is running and that its host and port"
                + " are right.", null);
    }

    /** Why the registry cannot be reached. */
    public Reason reason() {
        return reason;
    }

    /** {@link ErrorKind#CONNECTION}. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CONNECTION;
    }
}
