package dev.hoist.stack;

import dev.hoist.spi.HoistException;
import java.util.List;

/** A stack that validation refused, or that is not configured. */
public class InvalidStackException extends HoistException {

    private final List<String> errors;

    public InvalidStackException(String stack, List<String> errors) {
        super("Stack '" + stack + "' is invalid:\n  - " + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidStackException(String message) {
        super(message);
        this.errors = List.of(message);
    }

    public List<String> errors() {
        return errors;
    }
}
