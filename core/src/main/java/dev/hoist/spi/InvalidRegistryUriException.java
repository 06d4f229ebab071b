package dev.hoist.spi;

import dev.hoist.spi.HoistException;
import java.util.Optional;

/** A registry URI that a flavor's rules reject. The message says why; the hint, what was probably meant. */
public class InvalidRegistryUriException extends HoistException {

    private final String uri;
    private final String reason;
    private final String hint;

    /**
     * @param uri the URI as given
     * @param reason what is wrong, as a sentence
     * @param hint what the user probably meant, or {@code null}
     */
    public InvalidRegistryUriException(String uri, String reason, String hint) {
        super(hint == null ? reason : reason + " Did you mean '" + hint + "'?");
        this.uri = uri;
        this.reason = reason;
        this.hint = hint;
    }

    public String uri() {
        return uri;
    }

    public String reason() {
        return reason;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
