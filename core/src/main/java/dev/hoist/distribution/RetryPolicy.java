package dev.hoist.distribution;

import dev.hoist.push.PushCancelledException;
import dev.hoist.push.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the registry-API transport retries transient failures, shared by every push of one transport.
 *
 * <p>Retried: the statuses 408, 429, 500, 502, 503 and 504, unless the body names an error code that says the
 * request can never succeed ({@link dev.hoist.push.ErrorCode#permanent()}: distribution answers a manifest naming a
 * blob it lacks with 500 and {@code MANIFEST_BLOB_UNKNOWN}), and connections that were reset, refused, closed
 * without an answer or silent for {@code idle-timeout}. Never retried: 401 after one token refresh, 403, and every
 * other 4xx. Attempt {@code n} (from 1) is followed by a wait of {@code min(cap, base * 2^(n-1))}, of which a random
 * half is taken away (jitter, so parallel uploads do not retry in step); a {@code Retry-After} header (RFC 9110
 * section 10.2.3: seconds, or an HTTP date) replaces it when longer, and every wait is at most {@code cap}. The wait
 * is kept per registry host: every request to that host, of any push of this transport, waits until it has passed.
 *
 * <p>Each retry is logged once at INFO with the reason (the status) and the wait. When the attempts are spent the
 * error says how many were made and why the last one failed.
 *
 * @param attempts how many times a request is sent at most, at least 1 ({@code hoist.registry-api.retry-attempts})
 * @param base the first wait ({@code hoist.registry-api.retry-base})
 * @param cap the longest wait, {@code Retry-After} included ({@code hoist.registry-api.retry-cap})
 */
public record RetryPolicy(int attempts, Duration base, Duration cap, ConcurrentMap<String, Long> notBefore,
                          String attemptsSetting) {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** The statuses that are retried. */
    static final Set<Integer> RETRIED_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    public RetryPolicy {
        Objects.requireNonNull(attemptsSetting, "attemptsSetting");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(notBefore, "notBefore");
    }

    /** A policy of these settings with its own per-host backoff. */
    public static RetryPolicy of(HttpSettings settings) {
        return new RetryPolicy(settings.retryAttempts(), settings.retryBase(), settings.retryCap(),
                new ConcurrentHashMap<>(), settings.setting("retry-attempts"));
    }

    /**
     * One attempt failed in a way that may pass: thrown by an attempt to ask for another.
     */
    public static final class Transient extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private final transient Optional<Duration> retryAfter;

        /**
         * @param reason why, for the log and the final error: {@code "HTTP 503"}, {@code "connection reset"}
         * @param retryAfter the registry's {@code Retry-After}, when it sent one
         */
        public Transient(String reason, Optional<Duration> retryAfter, Throwable cause) {
            super(reason, cause, false, false);
            this.reason = reason;
            this.retryAfter = retryAfter;
        }

        /** Why the attempt failed: {@code "HTTP 503"}, {@code "connection reset"}. */
        public String reason() {
            return reason;
        }
    }

    /** One attempt; {@code number} counts from 1. */
    public interface Attempt<T> {
        T run(int number);
    }

    /**
     * Runs {@code attempt} until it returns, throws anything but {@link Transient}, or the attempts are spent.
     *
     * @param host the registry host whose backoff the attempts share
     * @param what the request, for the log and the error: {@code "PUT manifest team/app:1"}
     * @throws RegistryException with reason {@link RegistryException.Reason#UNAVAILABLE} when every attempt failed
     *         transiently
     * @throws PushCancelledException when the thread is interrupted while waiting
     */
    public <T> T run(String host, String what, Attempt<T> attempt) {
        for (int number = 1; ; number++) {
            awaitHost(host, what);
            try {
                return attempt.run(number);
            } catch (Transient failed) {
                if (number >= attempts) {
                    throw RegistryException.unavailable(what + " failed after " + number
                            + (number == 1 ? " attempt" : " attempts") + "; the last: " + failed.reason
                            + " (" + attemptsSetting + " = " + attempts + ").", number, failed.getCause());
                }
                Duration wait = delay(number, failed.retryAfter);
                backOff(host, wait);
                LOG.info("{} failed ({}); retry {} of {} in {}", what, failed.reason, number, attempts - 1,
                        dev.hoist.config.DurationText.of(wait));
            }
        }
    }

    /** The wait after attempt {@code number}: exponential with jitter, or {@code Retry-After}; at most the cap. */
    Duration delay(int number, Optional<Duration> retryAfter) {
        long baseMillis = base.toMillis();
        long capMillis = cap.toMillis();
        long exponential = number >= 31 ? capMillis : Math.min(capMillis, baseMillis << (number - 1));
        if (exponential < 0) {
            exponential = capMillis;
        }
        long jittered = exponential - ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long wanted = retryAfter.map(Duration::toMillis).filter(after -> after > jittered).orElse(jittered);
        return Duration.ofMillis(Math.min(capMillis, Math.max(0, wanted)));
    }

    private void backOff(String host, Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        notBefore.merge(host, until, (old, now) -> now - old > 0 ? now : old);
    }

    private void awaitHost(String host, String what) {
        Long until = notBefore.get(host);
        while (until != null) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PushCancelledException("Cancelled while waiting to retry " + what + ".", e);
            }
            until = notBefore.get(host);
        }
    }

    /**
     * A {@code Retry-After} value: delay-seconds or an HTTP date (RFC 9110 section 10.2.3).
     *
     * @return the wait from {@code now}; empty when absent or unreadable
     */
    static Optional<Duration> retryAfter(Optional<String> header, Clock clock) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration left = Duration.between(clock.instant(), at);
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
