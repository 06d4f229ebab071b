package dev.hoist.distribution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens by registry host and scope, each until its {@code expires_in} runs out (the distribution token
 * spec: "if omitted, a default of 60 seconds should be assumed"). A token is handed out only while more than a
 * small margin of its lifetime is left, so that a request does not start with a token about to expire.
 * Thread-safe. The tokens never appear in {@link #toString()}.
 */
public final class TokenCache {

    /** The spec's lifetime for a token whose response gives no {@code expires_in}. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private record Entry(String token, Instant expires, Duration lifetime) {
    }

    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    /** The cached token for {@code host} and {@code scope} if it is still good. */
    Optional<String> get(String host, String scope) {
        Entry entry = tokens.get(key(host, scope));
        if (entry == null) {
            return Optional.empty();
        }
        // Keep a margin of a tenth of the lifetime, at most 10 s, so no request starts on a dying token.
        Duration margin = entry.lifetime.dividedBy(10);
        if (margin.compareTo(Duration.ofSeconds(10)) > 0) {
            margin = Duration.ofSeconds(10);
        }
        if (clock.instant().plus(margin).isBefore(entry.expires)) {
            return Optional.of(entry.token);
        }
        tokens.remove(key(host, scope), entry);
        return Optional.empty();
    }

    /**
     * Keeps a token.
     *
     * @param issued when the token request was sent (the lifetime counts from then, to be safe)
     * @param lifetime the response's {@code expires_in}
     */
    void put(String host, String scope, String token, Instant issued, Duration lifetime) {
        tokens.put(key(host, scope), new Entry(token, issued.plus(lifetime), lifetime));
    }

    private static String key(String host, String scope) {
        return host.toLowerCase(java.util.Locale.ROOT) + " " + scope;
    }

    @Override
    public String toString() {
        return "TokenCache[" + tokens.size() + " tokens]";
    }
}
