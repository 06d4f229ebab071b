package dev.hoist.distribution;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A registry's pull rate limit as Docker Hub reports it on manifest requests: {@code ratelimit-limit: 100;w=21600}
 * and {@code ratelimit-remaining: 76;w=21600} (pulls, and the window in seconds). Docker Hub counts manifest
 * {@code GET}s against the limit, not {@code HEAD}s (https://docs.docker.com/docker-hub/usage/pulls/).
 *
 * @param limit pulls allowed per window
 * @param remaining pulls left in the window
 * @param windowSeconds the window, in seconds; 0 when not given
 */
record RateLimit(long limit, long remaining, long windowSeconds) {

    /** Below this share of the limit left, Hoist warns once. */
    private static final double LOW = 0.10;

    /** The limit the answer reports; empty when it carries neither header or they cannot be read. */
    static Optional<RateLimit> of(Response answer) {
        Optional<String> limit = answer.header("ratelimit-limit");
        Optional<String> remaining = answer.header("ratelimit-remaining");
        if (limit.isEmpty() || remaining.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong allowed = count(limit.get());
        OptionalLong left = count(remaining.get());
        if (allowed.isEmpty() || left.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RateLimit(allowed.getAsLong(), left.getAsLong(), window(limit.get())));
    }

    /** Whether nothing remains. */
    boolean spent() {
        return remaining <= 0;
    }

    /** Whether less than a tenth remains. */
    boolean low() {
        return limit > 0 && remaining < limit * LOW;
    }

    /** {@code " per 21600 s"}, or nothing. */
    String window() {
        return windowSeconds > 0 ? " per " + windowSeconds + " s" : "";
    }

    /** {@code "limit 100 per 21600 s, 0 remaining, resets in 3600 s"}. */
    String describe(Optional<String> retryAfter) {
        String reset = retryAfter.map(String::strip).filter(v -> v.matches("\\d+")).map(v -> "resets in " + v + " s")
                .orElse(windowSeconds > 0 ? "resets within " + windowSeconds + " s" : "reset time not given");
        return "limit " + limit + window() + ", " + remaining + " remaining, " + reset;
    }

    private static OptionalLong count(String value) {
        String number = value.split(";", 2)[0].strip();
        try {
            return OptionalLong.of(Long.parseLong(number));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static long window(String value) {
        for (String part : value.split(";")) {
            String p = part.strip();
            if (p.startsWith("w=")) {
                try {
                    return Long.parseLong(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
