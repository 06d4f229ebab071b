package dev.hoist.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A duration from the config together with the text the user wrote for it, so that messages
 * can say {@code 5s} rather than {@code PT5S}.
 *
 * @param duration the parsed value, positive
 * @param text what the config held, such as {@code 5s} or {@code 30m}; a bare number is shown with
 *        its unit, milliseconds, as in {@code 5000ms} (see {@link DurationText#written})
 */
public record WrittenDuration(Duration duration, String text) {

    public WrittenDuration {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(text, "text");
    }

    /** The text as written. */
    @Override
    public String toString() {
        return text;
    }
}
