package dev.hoist;

/** The root of every error Hoist raises on purpose. Messages are written for the user. */
public class HoistException extends RuntimeException {

    public HoistException(String message) {
        super(message);
    }

    public HoistException(String message, Throwable cause) {
        super(message, cause);
    }
}
