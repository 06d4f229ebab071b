package dev.hoist.spi;

/**
 * The root of every error Hoist raises on purpose, and of the errors a flavor throws. Messages
 * are written for the user: one line that names the cause and the setting, never a secret.
 */
public class HoistException extends RuntimeException {

    /**
     * An error with a message for the user.
     *
     * @param message one line naming the cause and what to do
     */
    public HoistException(String message) {
        super(message);
    }

    /**
     * An error with a message for the user and the failure behind it.
     *
     * @param message one line naming the cause and what to do
     * @param cause the underlying failure, shown with {@code --verbose}
     */
    public HoistException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A push hook's refusal of an image name; built by {@link PushHook.Target#refuse(String)}.
     * Core reports it as an invalid image name.
     */
    public static final class ImageRefused extends HoistException {

        /** The image reference as the caller wrote it. */
        private final String image;
        /** Why the flavor refused it. */
        private final String reason;

        ImageRefused(String image, String reason) {
            super("Image name '" + image + "' is invalid: " + reason);
            this.image = image;
            this.reason = reason;
        }

        /**
         * The image reference as the caller wrote it.
         *
         * @return the image
         */
        public String image() {
            return image;
        }

        /**
         * Why the flavor refused it.
         *
         * @return the reason, starting lower case
         */
        public String reason() {
            return reason;
        }
    }
}
