package dev.hoist.spi;

import dev.hoist.spi.HoistException;
import java.util.Optional;

/** A registry URI that a flavor's rules reject. The message says why; the hint, what was probably meant. */
public class InvalidRegistryUriException extends HoistException {

    /** The URI as given. */
    private final String uri;
    /** What is wrong, as a sentence. */
    private final String reason;
    /** What the user probably meant, or {@code null}. */
    private final String hint;

    /**
     * A rejected URI; the message is the reason, followed by the hint as a question when there is one.
     *
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

    /** {@return the URI as given} */
    public String uri() {
        return uri;
    }

    /** {@return what is wrong, as a sentence} */
    public String reason() {
        return reason;
    }

    /** {@return what the user probably meant, if the rules can tell} */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
