package dev.hoist.api;

import dev.hoist.spi.HoistException;
import java.util.Objects;

/**
 * An image reference that the distribution grammar rejects. It says which part is wrong, where,
 * and why, for example:
 *
 * <pre>Invalid image reference 'foo/Bar:1': path component 'Bar' is invalid at position 4: repository names must be lower case</pre>
 *
 * <p>{@link #position()} is a 0-based index into {@link #input()}: the first character that cannot
 * belong to a valid reference at that point, or the input's length when the input ends where more
 * was needed.
 */
public class InvalidImageReferenceException extends HoistException {

    /** Longest stretch of the input a message quotes; a hostile 100 kB input must not become a 100 kB message. */
    private static final int QUOTE_LIMIT = 120;

    /** The reference as given; {@code null} when none was. */
    private final String input;
    /** The part that is wrong. */
    private final ReferencePart part;
    /** The 0-based index into the input of the problem. */
    private final int position;
    /** The rule broken, without the reference or position. */
    private final String reason;

    /**
     * @param input the reference as given, possibly {@code null}
     * @param part the part that is wrong
     * @param position 0-based index into the input where the problem is
     * @param subject what is wrong in words, such as {@code "path component 'Bar'"}, or {@code null}
     *     when the reference as a whole is wrong
     * @param reason the rule broken, as a clause
     */
    public InvalidImageReferenceException(String input, ReferencePart part, int position, String subject, String reason) {
        super(message(input, position, subject, reason));
        this.input = input;
        this.part = Objects.requireNonNull(part, "part");
        this.position = position;
        this.reason = reason;
    }

    private static String message(String input, int position, String subject, String reason) {
        String quoted = input == null ? "null" : "'" + quote(input) + "'";
        String what = subject == null ? "" : ": " + subject + " is invalid";
        return "Invalid image reference " + quoted + what + " at position " + position + ": " + reason;
    }

    /**
     * Text fit for a message: control and other invisible characters escaped, long text cut.
     * Shared with the parser, which quotes fragments of the input the same way.
     */
    static String quote(String text) {
        return quote(text, 0, text.length());
    }

    /**
     * Text fit for a one-line message, whole (a path, an image source as written): control and other invisible
     * characters escaped as this exception's messages escape them (a backslash then {@code n}, {@code t},
     * {@code r}, or {@code u} and four hex digits), so a newline in it cannot split the message or forge a line of
     * a log.
     *
     * @param text the text; {@code null} gives {@code "null"}
     * @return the text, escaped
     */
    public static String escape(String text) {
        String value = String.valueOf(text);
        StringBuilder out = new StringBuilder(value.length() + 8);
        escape(value, 0, value.length(), out);
        return out.toString();
    }

    /** {@link #quote(String)} of {@code text[from, to)}, without copying a long stretch first. */
    static String quote(String text, int from, int to) {
        int length = to - from;
        int shown = from + Math.min(length, QUOTE_LIMIT);
        StringBuilder out = new StringBuilder(shown - from + 24);
        escape(text, from, shown, out);
        if (shown < to) {
            out.append("...(").append(length).append(" characters)");
        }
        return out.toString();
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || !Character.isDefined(c)
                    || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    /** {@return the reference as given; {@code null} when none was} */
    public String input() {
        return input;
    }

    /** {@return the part that is wrong} */
    public ReferencePart part() {
        return part;
    }

    /** {@return the 0-based index into {@link #input()} of the problem; the input's length when it ended too early} */
    public int position() {
        return position;
    }

    /** {@return the rule broken, without the reference or position, for example {@code "repository names must be lower case"}} */
    public String reason() {
        return reason;
    }
}
