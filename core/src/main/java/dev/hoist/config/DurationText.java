package dev.hoist.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Objects;

/**
 * How a duration reads in a message: the one place that decides it. {@link #of} writes it as a user writes it in
 * HOCON ({@code 5s}, {@code 2m}, {@code 250ms}), not ISO-8601 ({@code PT5S}); {@link #spaced} in seconds or
 * milliseconds with a space ({@code 10 s}, {@code 250 ms}); {@link #written} as the config held it.
 */
public final class DurationText {

    private DurationText() {
    }

    /**
     * The duration in the largest of hours, minutes, seconds and milliseconds that writes it whole.
     *
     * @param duration the duration, millisecond precision (finer parts are dropped)
     * @return such as {@code 1h}, {@code 2m}, {@code 5s}, {@code 250ms} or {@code 0s}
     */
    public static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    /**
     * The duration in whole seconds when it is that, else in milliseconds, with a space before the unit.
     *
     * @param duration the duration, millisecond precision (finer parts are dropped)
     * @return such as {@code 10 s}, {@code 90 s} or {@code 250 ms}
     */
    public static String spaced(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * A duration setting's value as the user wrote it: the string stripped, or a bare number with its unit,
     * milliseconds, as Typesafe reads it.
     *
     * @param value a duration setting's value: a string such as {@code 5s}, or a number
     * @return such as {@code 5s}, {@code 30m} or {@code 5000ms}
     */
    public static String written(ConfigValue value) {
        Objects.requireNonNull(value, "value");
        return value.valueType() == ConfigValueType.NUMBER ? value.unwrapped() + "ms" : String.valueOf(value.unwrapped()).strip();
    }
}
