package dev.hoist.transport.registry;

import java.time.Duration;

/**
 * Kept for the callers in this package that still use it; {@link dev.hoist.config.DurationText} is the one way
 * durations are printed.
 *
 * @deprecated use {@link dev.hoist.config.DurationText#of(Duration)}
 */
@Deprecated
final class DurationText {

    private DurationText() {
    }

    static String of(Duration duration) {
        return dev.hoist.config.DurationText.of(duration);
    }
}
