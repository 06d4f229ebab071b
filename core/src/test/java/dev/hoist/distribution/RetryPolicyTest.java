package dev.hoist.distribution;

import static dev.hoist.push.ErrorAssertions.kind;
import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.PushCancelledException;
import dev.hoist.push.RegistryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry policy's rules, without a network: which failures retry, the waits, Retry-After, the final error. */
class RetryPolicyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    private static RetryPolicy policy(int attempts, long baseMillis, long capMillis) {
        return new RetryPolicy(attempts, Duration.ofMillis(baseMillis), Duration.ofMillis(capMillis),
                new ConcurrentHashMap<>(), "hoist.registry-api.retry-attempts");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(RetryPolicy.retryAfter(Optional.of("7"), CLOCK)).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.retryAfter(Optional.of("Sun, 29 Nov 2026 12:00:30 GMT"), CLOCK))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.retryAfter(Optional.of("Sun, 29 Nov 2026 11:00:00 GMT"), CLOCK))
                .as("a date in the past: no wait").contains(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter(Optional.of("soon"), CLOCK)).isEmpty();
        assertThat(RetryPolicy.retryAfter(Optional.empty(), CLOCK)).isEmpty();
    }

    @Test
    void theWaitDoublesWithJitterUpToTheCap() {
        RetryPolicy policy = policy(10, 100, 1000);
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(1, Optional.empty()).toMillis()).isBetween(50L, 100L);
            assertThat(policy.delay(2, Optional.empty()).toMillis()).isBetween(100L, 200L);
            assertThat(policy.delay(3, Optional.empty()).toMillis()).isBetween(200L, 400L);
            assertThat(policy.delay(8, Optional.empty()).toMillis()).isBetween(500L, 1000L);
            assertThat(policy.delay(60, Optional.empty()).toMillis()).isBetween(500L, 1000L);
        }
    }

    @Test
    void aLongerRetryAfterWinsButNeverPassesTheCap() {
        RetryPolicy policy = policy(10, 100, 1000);
        assertThat(policy.delay(1, Optional.of(Duration.ofMillis(700)))).isEqualTo(Duration.ofMillis(700));
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(120)))).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delay(1, Optional.of(Duration.ZERO)).toMillis()).as("a shorter one: the backoff")
                .isBetween(50L, 100L);
    }

    @Test
    void transientFailuresAreRetriedUntilTheAttemptsAreSpentAndTheErrorSaysHowManyAndWhy() {
        RetryPolicy policy = policy(3, 1, 2);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy.run("registry.example:5000", "PUT manifest app:1", n -> {
            calls.incrementAndGet();
            throw new RetryPolicy.Transient("HTTP " + (500 + n), Optional.empty(), null);
        })).isInstanceOf(RegistryException.class)
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNAVAILABLE))
                .hasMessage("PUT manifest app:1 failed after 3 attempts; the last: HTTP 503"
                        + " (hoist.registry-api.retry-attempts = 3).")
                .satisfies(e -> assertThat(((RegistryException) e).attempts()).isEqualTo(3));
        assertThat(calls).hasValue(3);
    }

    @Test
    void aSuccessAfterTransientFailuresIsReturned() {
        RetryPolicy policy = policy(4, 1, 2);
        String answer = policy.run("h", "GET", n -> {
            if (n < 3) {
                throw new RetryPolicy.Transient("connection reset", Optional.empty(), null);
            }
            return "ok after " + n;
        });
        assertThat(answer).isEqualTo("ok after 3");
    }

    @Test
    void otherFailuresAreNeverRetried() {
        RetryPolicy policy = policy(5, 1, 2);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy.run("h", "POST", n -> {
            calls.incrementAndGet();
            throw RegistryException.unexpected("HTTP 403", 403, java.util.List.of());
        })).isInstanceOf(RegistryException.class)
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNEXPECTED_ANSWER))
                .hasMessage("HTTP 403");
        assertThat(calls).hasValue(1);
    }

    @Test
    void theBackoffIsSharedByEveryRequestToTheSameHost() {
        ConcurrentHashMap<String, Long> notBefore = new ConcurrentHashMap<>();
        RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), notBefore,
                "hoist.registry-api.retry-attempts");
        policy.run("a.example", "GET", n -> {
            if (n == 1) {
                throw new RetryPolicy.Transient("HTTP 429", Optional.empty(), null);
            }
            return null;
        });
        assertThat(notBefore).containsOnlyKeys("a.example");
    }

    @Test
    void anInterruptWhileWaitingCancels() {
        RetryPolicy policy = policy(3, 10_000, 10_000);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> policy.run("h", "GET", n -> {
                throw new RetryPolicy.Transient("HTTP 503", Optional.empty(), null);
            })).isInstanceOf(PushCancelledException.class).satisfies(kind(ErrorKind.CANCELLED));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void resetsRefusalsClosedConnectionsAndSilenceAreTransientOtherIoFailuresAreNot() {
        assertThat(Failures.isTransient(new SocketException("Connection reset"))).isTrue();
        assertThat(Failures.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(Failures.isTransient(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(Failures.isTransient(new org.apache.hc.core5.http.NoHttpResponseException("no answer"))).isTrue();
        assertThat(Failures.isTransient(new org.apache.hc.core5.http.ConnectionClosedException("early end"))).isTrue();
        assertThat(Failures.isTransient(new java.net.UnknownHostException("nowhere"))).isFalse();
        assertThat(Failures.isTransient(new java.io.EOFException("source ends early"))).isFalse();
        assertThat(Failures.isTransient(new IOException("other"))).isFalse();
    }
}
