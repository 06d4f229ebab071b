package dev.hoist.distribution;

import dev.hoist.auth.Challenge;
import dev.hoist.push.PushCancelledException;
import dev.hoist.push.RegistryException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.spi.RegistryCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Hoist talks to a registry's HTTP API v2 (the OCI distribution spec,
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md): one registry host, one set of
 * credentials. Endpoint classes ({@link Blobs}, {@link Manifests}) build requests; this class sends them.
 *
 * <p>{@link #ping()} finds the scheme and the kind of authentication: HTTPS with verification first; then, for a
 * loopback registry or one marked insecure only, HTTPS without verification and then plain HTTP. Docker Hub and
 * its aliases are reached at {@code registry-1.docker.io} ({@link RegistryHost#apiHost()}).
 *
 * <p>{@link #send} adds Basic credentials or a Bearer token for the request's scopes; a 401 with a Bearer challenge
 * fetches a new token once, for the challenge's scopes merged with ours, and sends the request again (a streamed
 * body only when it was not consumed: it goes with {@code Expect: 100-continue}). A request that
 * {@linkplain Request#repeatable() may be repeated} is retried by the {@link RetryPolicy} on 408, 429, 5xx and
 * connections that were reset, refused or silent; the others are sent once. Redirects are never followed; a
 * {@code Location} on another host or scheme is refused ({@link #location}). {@link #abort()} cuts every request in
 * flight. Secrets appear in no message.
 *
 * <p>Thread-safe: the blob uploads of one push run on several threads through one instance.
 */
public final class RegistryHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

    private final HttpSettings settings;
    private final RegistryHost host;
    private final Optional<RegistryCredentials> credentials;
    private final String subject;
    private final Clock clock;
    private final RetryPolicy retry;
    private final Connections connections;
    private final TokenExchange tokens;
    private volatile CloseableHttpClient client;
    private volatile String base;
    private volatile Challenge bearer;
    private volatile boolean basic;
    private volatile boolean aborted;
    private volatile boolean warnedLow;

    /**
     * @param settings timeouts, certificates, pool and retry settings
     * @param host the registry host and its TLS settings
     * @param credentials what to present; empty for anonymous
     * @param subject what the requests are for, named in authentication errors: an image such as
     *        {@code ghcr.io/team/app:1}, or the host
     * @param tokens the token cache, shared by every instance of one transport
     * @param retry the retry policy, shared likewise (its backoff is per host)
     */
    public RegistryHttp(HttpSettings settings, RegistryHost host, Optional<RegistryCredentials> credentials,
                        String subject, TokenCache tokens, Clock clock, RetryPolicy retry) {
        this(settings, host, credentials, subject, tokens, clock, retry, Network.SYSTEM);
    }

    /**
     * As {@link #RegistryHttp(HttpSettings, RegistryHost, Optional, String, TokenCache, Clock, RetryPolicy)}, with
     * host names resolved through {@code network}.
     */
    public RegistryHttp(HttpSettings settings, RegistryHost host, Optional<RegistryCredentials> credentials,
                        String subject, TokenCache tokens, Clock clock, RetryPolicy retry, Network network) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.host = Objects.requireNonNull(host, "host");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.connections = new Connections(settings, host, Objects.requireNonNull(network, "network"));
        this.tokens = new TokenExchange(settings, host, credentials, Objects.requireNonNull(tokens, "tokens"), clock,
                retry, connections, this::authFailure);
    }

    /** An instance with its own token cache and retry policy, for a single check ({@code hoist auth}). */
    public RegistryHttp(HttpSettings settings, RegistryHost host, Optional<RegistryCredentials> credentials,
                        String subject) {
        this(settings, host, credentials, subject, new TokenCache(Clock.systemUTC()), Clock.systemUTC(),
                RetryPolicy.of(settings));
    }

    /** The registry's {@code host[:port]} as written in image names ({@code docker.io}, not its API host). */
    public String host() {
        return host.name();
    }

    /** The settings this instance uses. */
    HttpSettings settings() {
        return settings;
    }

    /** The token flow of this instance. */
    TokenExchange tokens() {
        return tokens;
    }

    /** The retry policy of this instance. */
    public RetryPolicy retry() {
        return retry;
    }

    /** {@code https://host} or {@code http://host}, once {@link #ping()} found it. */
    String base() {
        return base;
    }

    /** The Bearer challenge of {@code GET /v2/}, when the registry sent one. */
    Optional<Challenge> bearerChallenge() {
        return Optional.ofNullable(bearer);
    }

    /** Whether {@code GET /v2/} asked for Basic credentials. */
    boolean basic() {
        return basic;
    }

    // ------------------------------------------------------------------ scheme discovery

    /**
     * Finds how to talk to the registry: {@code GET /v2/} over HTTPS, and for loopback or insecure registries
     * over unverified HTTPS and plain HTTP after that; records the authentication it asks for. Once.
     *
     * @throws RegistryConnectionException when no way works, with each attempt's failure
     * @throws RegistryException when the host answers, but not as a registry
     * @throws RegistryAuthenticationException when it answers 401 without a Basic or Bearer challenge
     */
    public void ping() {
        if (base != null) {
            return;
        }
        try {
            retry.run(host.apiHost(), "GET " + host.name() + "/v2/", number -> {
                pingOnce();
                return null;
            });
        } catch (java.util.concurrent.CancellationException cut) {
            throw cancelled(cut);
        } catch (RegistryConnectionException failed) {
            if (aborted) {
                throw cancelled(failed);
            }
            throw failed;
        }
    }

    private synchronized void pingOnce() {
        if (base != null) {
            return;
        }
        Connections.Found found = connections.discover(clock);
        bearer = found.bearer();
        basic = found.basic();
        client = found.client();
        base = found.base();
        LOG.debug("Registry {} answers at {} ({})", host.name(), base,
                bearer != null ? "Bearer" : basic ? "Basic" : "anonymous");
    }

    // ------------------------------------------------------------------ requests

    /** {@code <base>/v2/<path>}, pinging first. */
    URI api(String path) {
        ping();
        return URI.create(base + "/v2/" + path);
    }

    /**
     * Sends a request with the authorization its scopes need (one token refresh on a 401 with a Bearer challenge),
     * retrying it on transient failures when it {@linkplain Request#repeatable() may be repeated}.
     *
     * @return the answer; never a 401 or 403, which are thrown
     * @throws RegistryAuthenticationException on 401 (after the refresh) or 403
     * @throws RegistryConnectionException when the registry cannot be reached
     * @throws RegistryException with reason {@link RegistryException.Reason#UNAVAILABLE} when the retries are spent
     * @throws RetryPolicy.Transient from a request that is not repeatable, for its caller to retry as a whole
     * @throws PushCancelledException after {@link #abort()} (but for {@code DELETE}s)
     */
    Response send(Request request) {
        if (!request.repeatable()) {
            return sendOnce(request, false).head();
        }
        return retry.run(host.apiHost(), request.describe(), number -> sendOnce(request, false).head());
    }

    /**
     * Sends a {@code GET} as {@link #send} does, but a 200 or 206 answer keeps its body open for the caller, who
     * must close the result; every other answer is read in full. Retried only until an answer arrives: a body cut
     * while the caller reads it is the caller's to retry (by opening again).
     *
     * @throws RegistryAuthenticationException on 401 (after the refresh) or 403
     * @throws RegistryConnectionException when the registry cannot be reached
     * @throws RegistryException with reason {@link RegistryException.Reason#UNAVAILABLE} when the retries are spent
     */
    Connections.Opened open(Request request) {
        return retry.run(host.apiHost(), request.describe(), number -> sendOnce(request, true));
    }

    /** At most this many redirects are followed for one blob. */
    static final int MAX_REDIRECTS = 5;

    /**
     * Opens a {@code GET} as {@link #open} does and follows its redirects (301, 302, 303, 307, 308), at most
     * {@link #MAX_REDIRECTS}: registries send blob reads to object storage on another host. A redirect on this
     * registry's host and scheme keeps the registry's authorization; one to another host is followed <b>without</b>
     * it (nor any other credential), as the distribution spec's "Pulling blobs" allows and as a signed storage URL
     * expects. HTTPS is never left for plain HTTP.
     *
     * @return the open answer of the last hop; the caller closes it
     * @throws RegistryException {@code UNEXPECTED_ANSWER} on a redirect loop, too many redirects, a missing or
     *         unreadable {@code Location}, or a redirect from HTTPS to HTTP
     */
    Connections.Opened openFollowing(Request request) {
        Connections.Opened opened = open(request);
        java.util.Set<URI> seen = new java.util.HashSet<>();
        seen.add(request.uri());
        URI at = request.uri();
        for (int hops = 0; REDIRECTS.contains(opened.head().status()); hops++) {
            Response answer = opened.head();
            opened.close();
            URI next = redirectTarget(answer, at, request.describe());
            if (!seen.add(next) || hops >= MAX_REDIRECTS) {
                throw RegistryException.unexpected("The registry " + host.name() + " redirected " + request.describe()
                        + (hops >= MAX_REDIRECTS ? " more than " + MAX_REDIRECTS + " times" : " in a loop (back to "
                        + redact(next) + ")") + "; Hoist stopped following.", answer.status(), List.of());
            }
            at = next;
            if (onRegistry(next)) {
                opened = open(new Request("GET", next, request.scopes(), null, request.headers(), true));
            } else {
                Request elsewhere = new Request("GET", next, List.of(), null, Map.of(), true);
                LOG.debug("Following {} to {} without the registry's credentials", request.describe(), redact(next));
                opened = retry.run(next.getHost(), elsewhere.describe(),
                        number -> exchangeOn(connections.foreign(next.getRawAuthority()), elsewhere, Optional.empty(),
                                true));
            }
        }
        return opened;
    }

    private static final java.util.Set<Integer> REDIRECTS = java.util.Set.of(301, 302, 303, 307, 308);

    private URI redirectTarget(Response answer, URI from, String what) {
        String value = answer.header("Location").orElseThrow(() -> RegistryException.unexpected("The registry "
                + host.name() + " redirected " + what + " without a Location header.", answer.status(), List.of()));
        URI next;
        try {
            next = from.resolve(new URI(value.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw RegistryException.unexpected("The registry " + host.name() + " redirected " + what + " to an"
                    + " unreadable Location.", answer.status(), List.of());
        }
        if (next.getScheme() == null || next.getRawAuthority() == null
                || !(next.getScheme().equalsIgnoreCase("https") || next.getScheme().equalsIgnoreCase("http"))) {
            throw RegistryException.unexpected("The registry " + host.name() + " redirected " + what + " to "
                    + redact(next) + ", which is not an HTTP URL.", answer.status(), List.of());
        }
        if (from.getScheme().equalsIgnoreCase("https") && next.getScheme().equalsIgnoreCase("http")) {
            throw RegistryException.unexpected("The registry " + host.name() + " redirected " + what + " from HTTPS"
                    + " to plain HTTP (" + redact(next) + "); Hoist does not follow a downgrade.", answer.status(),
                    List.of());
        }
        return next;
    }

    /**
     * Whether {@code uri} is on this registry: the scheme and {@code host[:port]} that {@link #ping()} found. Only
     * such a URI gets the registry's credentials.
     */
    boolean onRegistry(URI uri) {
        URI home = URI.create(base);
        return uri.getScheme() != null && uri.getRawAuthority() != null
                && uri.getScheme().equalsIgnoreCase(home.getScheme())
                && uri.getRawAuthority().equalsIgnoreCase(home.getRawAuthority());
    }

    private Connections.Opened sendOnce(Request request, boolean stream) {
        ping();
        List<String> scopes = request.scopes();
        boolean fresh = false;
        for (int attempt = 0; ; attempt++) {
            Optional<String> authorization;
            try {
                authorization = authorization(scopes, fresh);
            } catch (RegistryConnectionException failed) {
                if (aborted && !"DELETE".equals(request.method())) {
                    throw cancelled(failed);
                }
                throw failed;
            }
            Connections.Opened opened = exchange(request, authorization, stream);
            Response answer = opened.head();
            if (answer.status() == 401 && attempt == 0 && (request.body() == null || request.body().isRepeatable())) {
                Optional<Challenge> challenge = Challenge.parseAll(answer.headers("WWW-Authenticate")).stream()
                        .filter(c -> c.is("bearer")).findFirst();
                if (challenge.isPresent()) {
                    bearer = challenge.get();
                    scopes = TokenExchange.mergeScopes(request.scopes(), challenge.get().scopes());
                    authorization.filter(value -> value.startsWith("Bearer "))
                            .ifPresent(value -> tokens.refused(value.substring(7)));
                    fresh = true;
                    LOG.debug("{} answered 401; fetching a new token for {}", request.describe(), scopes);
                    continue;
                }
            }
            if (answer.status() == 401 || answer.status() == 403) {
                throw authFailure(request.describe() + " answered " + answer.describe());
            }
            return opened;
        }
    }

    /**
     * Sends a request with this {@code Authorization} and no other authentication logic: no token refresh, and a
     * 401 or 403 is returned, not thrown. Retried on transient failures. For {@code hoist auth}'s check.
     */
    Response sendWith(Request request, String authorization) {
        return retry.run(host.apiHost(), request.describe(), number -> exchange(request, Optional.of(authorization)));
    }

    /** One exchange whose body is read in full: {@link #exchange(Request, Optional, boolean)} without streaming. */
    Response exchange(Request request, Optional<String> authorization) {
        try (Connections.Opened opened = exchange(request, authorization, false)) {
            return opened.head();
        }
    }

    /**
     * One exchange with the given {@code Authorization} (none when empty), over the scheme {@link #ping()} found:
     * no authentication logic, failures classified.
     *
     * @param stream whether a 200 or 206 answer keeps its body open (the caller closes the result)
     * @return the answer, whatever its status but a retried one
     * @throws RetryPolicy.Transient on a retried status or a reset, refused or silent connection
     * @throws RegistryConnectionException on another I/O failure
     * @throws RegistryException with reason {@link RegistryException.Reason#RATE_LIMITED} on a 429 that says the
     *         registry's pull limit is spent ({@code ratelimit-remaining: 0}), which no retry soon can help
     * @throws PushCancelledException after {@link #abort()} (but for {@code DELETE}s)
     */
    Connections.Opened exchange(Request request, Optional<String> authorization, boolean stream) {
        ping();
        return exchangeOn(client, request, authorization, stream);
    }

    private Connections.Opened exchangeOn(CloseableHttpClient client, Request request, Optional<String> authorization,
                                          boolean stream) {
        boolean cuttable = !"DELETE".equals(request.method());
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach(http::addHeader);
        authorization.ifPresent(value -> http.addHeader("Authorization", value));
        if (request.body() != null) {
            http.setEntity(request.body());
        }
        Connections.Opened opened;
        try {
            // Only a streamed body needs 100-continue (to survive a 401 unconsumed); bytes can be sent again.
            opened = connections.open(client, http, request.body() instanceof StreamingBody, aborted && cuttable,
                    stream);
        } catch (StreamingBody.Aborted abandoned) {
            throw abandoned.reason;
        } catch (java.util.concurrent.CancellationException cut) {
            // A request cut by abort() before its connection was set up.
            throw cancelled(cut);
        } catch (IOException e) {
            if (aborted && cuttable) {
                throw cancelled(e);
            }
            RegistryConnectionException failure = RegistryConnectionException.unreachable(request.describe() + " failed: "
                    + Failures.describe(e, settings) + ".", e);
            if (Failures.isTransient(e)) {
                throw new RetryPolicy.Transient(Failures.describe(e, settings), Optional.empty(), failure);
            }
            throw failure;
        }
        Response answer = opened.head();
        Optional<RateLimit> limit = RateLimit.of(answer);
        limit.ifPresent(this::watch);
        if (answer.status() == 429 && limit.map(RateLimit::spent).orElse(false)) {
            throw RegistryException.rateLimited(host.name(), limit.get().describe(answer.header("Retry-After")),
                    answer.errors().codes());
        }
        if (answer.retryable()) {
            throw new RetryPolicy.Transient(answer.describe(),
                    RetryPolicy.retryAfter(answer.header("Retry-After"), clock), null);
        }
        return opened;
    }

    /** Warns once when less than a tenth of the registry's pull limit remains. */
    private void watch(RateLimit limit) {
        if (limit.low() && !limit.spent() && !warnedLow) {
            warnedLow = true;
            LOG.warn("The registry {} allows {} more pulls of its limit of {}{}; Hoist's manifest HEADs do not count"
                    + " against it, GETs do", host.name(), limit.remaining(), limit.limit(), limit.window());
        }
    }

    /** Basic credentials, a Bearer token for the scopes, or nothing, as {@code GET /v2/} asked. */
    private Optional<String> authorization(List<String> scopes, boolean fresh) {
        if (basic) {
            if (credentials.isEmpty()) {
                return Optional.empty();
            }
            RegistryCredentials given = credentials.get();
            if (given.password().isEmpty()) {
                throw RegistryAuthenticationException.refused(subject, host.name() + " asks for a username and password"
                        + " (Basic), but " + given.source() + " holds an identity token");
            }
            return Optional.of(TokenExchange.basic(given));
        }
        Challenge challenge = bearer;
        return challenge == null ? Optional.empty() : Optional.of(tokens.bearer(challenge, scopes, fresh));
    }

    /** The registry names its own credentials setting when it passes the refusal on. */
    private static final String SETTING = "the registry's credentials setting";

    /** An authentication failure naming what happened and which credentials were used (never the secret). */
    RegistryAuthenticationException authFailure(String what) {
        RegistryAuthenticationException failure = RegistryAuthenticationException.refused(subject, what);
        return credentials.map(c -> failure.withCredentials("the credentials of " + c.source()
                + (c.identityToken().isPresent() ? " (an identity token)" : " (user \"" + c.username() + "\")"),
                SETTING)).orElse(failure.withCredentials("no credentials (anonymous)", SETTING));
    }

    /**
     * The {@code Location} of an answer, resolved against the request, its query kept; on the same host and scheme
     * only: Hoist never follows a registry to another host with its credentials.
     *
     * @throws RegistryException when there is none, it cannot be read, or it points elsewhere
     */
    URI location(Response answer, String what) {
        String value = answer.header("Location").orElseThrow(() -> RegistryException.unexpected("The registry "
                + host.name() + " answered " + what + " without a Location header.", answer.status(), List.of()));
        URI resolved;
        try {
            resolved = answer.uri().resolve(new URI(value));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw RegistryException.unexpected("The registry " + host.name() + " answered " + what + " with an"
                    + " unreadable Location header.", answer.status(), List.of());
        }
        if (!onRegistry(resolved)) {
            throw RegistryException.unexpected("The registry " + host.name() + " sent " + what + " to another host ("
                    + resolved.getScheme() + "://" + resolved.getRawAuthority() + "); Hoist does not follow a registry to another host"
                    + " or scheme with its credentials.", answer.status(), List.of());
        }
        return resolved;
    }

    /** An error for a status the endpoint does not expect: the request, what it was for, the registry's errors. */
    RegistryException unexpected(String method, String what, Response answer) {
        return RegistryException.unexpected("The registry " + host.name() + " answered " + method + " of " + what
                + " with " + answer.describe() + ".", answer.status(), answer.errors().codes());
    }

    // ------------------------------------------------------------------ cancellation

    /**
     * Cuts every request in flight and refuses new ones (but {@code DELETE}s of upload sessions) with
     * {@link PushCancelledException}. Called from another thread when a push is interrupted.
     */
    public void abort() {
        aborted = true;
        connections.cancelAll();
    }

    /** Whether {@link #abort()} was called. */
    public boolean aborted() {
        return aborted;
    }

    private PushCancelledException cancelled(Throwable cause) {
        return new PushCancelledException("The requests to " + host.name() + " were cancelled (the thread that"
                + " made them was interrupted).", cause);
    }

    // ------------------------------------------------------------------ text

    /** The URI without its query, which may carry upload state. */
    static String redact(URI uri) {
        String text = uri.toString();
        int question = text.indexOf('?');
        return question < 0 ? text : text.substring(0, question);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connections.close();
    }

    @Override
    public String toString() {
        return "RegistryHttp[" + host.name() + "]";
    }
}
