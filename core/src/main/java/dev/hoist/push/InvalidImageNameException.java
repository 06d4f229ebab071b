package dev.hoist.push;

import java.util.Objects;

/**
 * An image name that cannot be pushed as written, or not through this registry: {@link ErrorKind#IMAGE_NAME}.
 * Nothing was pushed.
 */
public class InvalidImageNameException extends PushException {

    /** Why the name cannot be pushed. */
    public enum Reason {
        /** The name is refused as written: it names a digest, or the flavor's hook refuses it. */
        INVALID,
        /** The name does not place the image in the registry it was handed to. */
        FOREIGN
    }

    private final Reason reason;

    private InvalidImageNameException(Reason reason, String message) {
        super(message, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * A name refused as written.
     *
     * @param image the name as the caller wrote it
     * @param reason why, starting lower case
     */
    public static InvalidImageNameException invalid(String image, String reason) {
        return new InvalidImageNameException(Reason.INVALID, "Image name '" + image + "' is invalid: " + reason);
    }

    /**
     * A name that does not belong to the registry it was handed to.
     *
     * @param image the name as the caller wrote it
     * @param registryName the registry's name in the config
     * @param registryUri the registry's URI
     */
    public static InvalidImageNameException foreign(String image, String registryName, String registryUri) {
        return new InvalidImageNameException(Reason.FOREIGN, "Image '" + image + "' does not belong to container"
                + " registry '" + registryName + "' (" + registryUri + "). Tag it as '" + registryUri + "/<name>:<tag>'"
                + " first, or push it through the registry its name points at.");
    }

    /**
     * A name that no configured registry owns.
     *
     * @param image the name as the caller wrote it
     * @param configured each configured registry as {@code name (uri)}
     */
    public static InvalidImageNameException unowned(String image, java.util.List<String> configured) {
        return new InvalidImageNameException(Reason.FOREIGN, "No configured container registry owns '" + image + "'"
                + (configured.isEmpty() ? " (none is configured)" : " (configured: " + String.join(", ", configured)
                + ")") + ". Add one whose URI it is under to hoist.registries, or name one with --registry.");
    }

    /**
     * A name that no configured registry owns, and that no implicit registry serves.
     *
     * @param image the name as the caller wrote it
     * @param configured each configured registry as {@code name (uri)}
     * @param why why no implicit registry serves it, such as {@code hoist.implicit-registries is false}
     */
    public static InvalidImageNameException unowned(String image, java.util.List<String> configured, String why) {
        return new InvalidImageNameException(Reason.FOREIGN, "No configured container registry owns '" + image + "'"
                + (configured.isEmpty() ? " (none is configured)" : " (configured: " + String.join(", ", configured)
                + ")") + ", and " + why + ". Add one whose URI it is under to hoist.registries, or name one with"
                + " --registry.");
    }

    /**
     * A name that two configured registries own equally (URIs of the same depth).
     *
     * @param image the name as the caller wrote it
     * @param owners each owner as {@code name (uri)}
     */
    public static InvalidImageNameException ambiguous(String image, java.util.List<String> owners) {
        return new InvalidImageNameException(Reason.INVALID, "Image '" + image + "' belongs to "
                + String.join(" and ", owners) + " equally; name one with --registry.");
    }

    /** Why the name cannot be pushed. */
    public Reason reason() {
        return reason;
    }

    /** {@link ErrorKind#IMAGE_NAME}. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.IMAGE_NAME;
    }
}
