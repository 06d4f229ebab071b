package dev.hoist.distribution;

import dev.hoist.api.RegistryNames;
import dev.hoist.auth.Challenge;
import dev.hoist.push.RegistryException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryConnectionException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP clients of one registry host (Apache HttpClient 5): one that verifies certificates (the JVM's trust
 * store, the registry's CA file, docker's {@code certs.d/<host>} with its client certificates) and, built only when
 * asked for, one that verifies nothing, for loopback and insecure registries. Redirects, automatic retries, cookies
 * and auth caching are off: the layer above decides each. {@link #discover} finds which scheme and client to use.
 * {@link #cancelAll()} cuts every request in flight.
 */
final class Connections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    /** Answers are read up to this size: registries answer small JSON documents. */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpSettings settings;
    private final RegistryHost host;
    private final Network network;
    private final Object lock = new Object();
    private final Set<Cancellable> inFlight = ConcurrentHashMap.newKeySet();
    private CloseableHttpClient verified;
    private CloseableHttpClient trusting;
    private final java.util.Map<String, CloseableHttpClient> foreign = new java.util.HashMap<>();

    Connections(HttpSettings settings, RegistryHost host, Network network) {
        this.settings = settings;
        this.host = host;
        this.network = network;
    }

    /** The verifying client, built on first use. */
    CloseableHttpClient verified() {
        synchronized (lock) {
            if (verified == null) {
                verified = newClient(TlsMaterial.verifying(host.name(), host.caFile(), settings.certsDirectory()), true);
            }
            return verified;
        }
    }

    /**
     * The client for another host a registry redirects to (object storage), built on first use per host: it
     * verifies that host's certificate with the JVM's trust store, the registry's CA file and docker's
     * {@code certs.d/<that host>}, and presents that host's own client certificate if {@code certs.d} has one,
     * never the registry's.
     *
     * @param authority the other host as {@code host[:port]}
     */
    CloseableHttpClient foreign(String authority) {
        synchronized (lock) {
            return foreign.computeIfAbsent(authority.toLowerCase(java.util.Locale.ROOT), name -> newClient(
                    TlsMaterial.verifying(name, host.caFile(), settings.certsDirectory()), true));
        }
    }

    /** The client that verifies no certificate and no host name, built on first use. */
    CloseableHttpClient trusting() {
        synchronized (lock) {
            if (trusting == null) {
                trusting = newClient(TlsMaterial.trustingEverything(), false);
            }
            return trusting;
        }
    }

    private CloseableHttpClient newClient(SSLContext context, boolean verify) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                .setSocketTimeout(Timeout.of(settings.idleTimeout()))
                .build();
        DefaultClientTlsStrategy tls = verify ? new DefaultClientTlsStrategy(context)
                : new DefaultClientTlsStrategy(context, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(tls)
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .responseParserFactory(StrictResponseParser::new).build())
                        .setDnsResolver(network.resolver())
                        .setSchemePortResolver(network.ports())
                        .setDefaultConnectionConfig(connection)
                        .setMaxConnPerRoute(settings.connectionsPerHost())
                        .setMaxConnTotal(2 * settings.connectionsPerHost())
                        .build())
                .setSchemePortResolver(network.ports())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("hoist")
                .build();
    }

    /**
     * Sends a request through {@code http} and reads the answer in full (up to {@link #MAX_BODY} bytes).
     *
     * @param expectContinue whether to send {@code Expect: 100-continue} (streamed bodies only)
     * @param cancelled whether new requests are refused now: such a request is cut before it is sent
     * @throws IOException as the client throws it; a cut request ends in an {@link IOException} too
     */
    Response execute(CloseableHttpClient http, ClassicHttpRequest request, boolean expectContinue,
                     boolean cancelled) throws IOException {
        try (Opened opened = open(http, request, expectContinue, cancelled, false)) {
            return opened.head();
        }
    }

    /**
     * An answer whose body may still be open: {@link #head()} holds the status and headers (and the whole body
     * when it was read), {@link #body()} the stream of a successful answer that was asked to stream. Closing it
     * releases the connection (back to the pool when the body was read to its end).
     */
    static final class Opened implements AutoCloseable {
        private final Response head;
        private final InputStream body;
        private final ClassicHttpResponse live;
        private final Cancellable cancellable;
        private final Set<Cancellable> inFlight;

        Opened(Response head, InputStream body, ClassicHttpResponse live, Cancellable cancellable,
               Set<Cancellable> inFlight) {
            this.head = head;
            this.body = body;
            this.live = live;
            this.cancellable = cancellable;
            this.inFlight = inFlight;
        }

        Response head() {
            return head;
        }

        /** The streamed body; {@code null} when the body was read into {@link #head()}. */
        InputStream body() {
            return body;
        }

        @Override
        public void close() {
            try {
                if (live != null) {
                    live.close();
                }
            } catch (IOException ignored) {
                LOG.debug("Closing an answer failed", ignored);
            } finally {
                if (cancellable != null) {
                    inFlight.remove(cancellable);
                }
            }
        }
    }

    /**
     * Sends a request through {@code http}. With {@code stream}, a 200 or 206 answer keeps its body open in
     * {@link Opened#body()} for the caller to read; every other answer is read in full (up to {@link #MAX_BODY}
     * bytes) into {@link Opened#head()}.
     *
     * @param expectContinue whether to send {@code Expect: 100-continue} (streamed bodies only)
     * @param cancelled whether new requests are refused now: such a request is cut before it is sent
     * @throws IOException as the client throws it; a cut request ends in an {@link IOException} too
     */
    Opened open(CloseableHttpClient http, ClassicHttpRequest request, boolean expectContinue, boolean cancelled,
                boolean stream) throws IOException {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(settings.idleTimeout()))
                .setExpectContinueEnabled(expectContinue)
                .setRedirectsEnabled(false)
                .build());
        URI uri;
        try {
            uri = request.getUri();
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        Cancellable cancellable = request instanceof Cancellable c ? c : null;
        if (cancellable != null) {
            inFlight.add(cancellable);
            if (cancelled) {
                cancellable.cancel();
            }
        }
        ClassicHttpResponse response = null;
        boolean handedOver = false;
        try {
            response = http.executeOpen(null, request, context);
            HttpEntity body = response.getEntity();
            int status = response.getCode();
            if (stream && (status == 200 || status == 206) && body != null) {
                Opened opened = new Opened(new Response(status, response.getHeaders(), new byte[0], uri),
                        body.getContent(), response, cancellable, inFlight);
                handedOver = true;
                return opened;
            }
            byte[] bytes = new byte[0];
            if (body != null) {
                InputStream in = body.getContent();
                bytes = in.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    // Never a prefix taken for the whole: closing the answer unread drops the connection.
                    throw RegistryException.unexpected("The registry " + host.name() + " answered "
                            + request.getMethod() + " " + RegistryHttp.redact(uri) + " with more than " + MAX_BODY
                            + " bytes; Hoist reads at most that much of an answer that is not a blob (a manifest, a"
                            + " tag page, an error).", status, List.of());
                }
                in.close();
                EntityUtils.consumeQuietly(body);
            }
            return new Opened(new Response(status, response.getHeaders(), bytes, uri), null, null, null, inFlight);
        } finally {
            if (!handedOver) {
                if (response != null) {
                    response.close();
                }
                if (cancellable != null) {
                    inFlight.remove(cancellable);
                }
            }
        }
    }

    /**
     * What worked.
     *
     * @param client the client to use from now on
     * @param base {@code https://host} or {@code http://host}
     * @param bearer the Bearer challenge of a 401, or {@code null}
     * @param basic whether the 401 asked for Basic credentials (and no Bearer token)
     */
    record Found(CloseableHttpClient client, String base, Challenge bearer, boolean basic) {
    }

    /**
     * One way to try: the scheme, how an error names it, and the client to use.
     *
     * @param tentative whether an answer that is not a registry's (200 or 401) only means "not this way": the plain
     *        HTTP tried first on loopback, which a TLS registry answers 400
     */
    private record Way(String scheme, String label, Supplier<CloseableHttpClient> client, boolean tentative) {
    }

    /**
     * Finds how to talk to the registry by {@code GET /v2/} (the OCI distribution spec's "Determining support"):
     * over verified HTTPS first; then, for a loopback registry or one marked insecure only, over HTTPS without
     * verification and over plain HTTP, as docker does. A loopback registry without a CA file of its own is asked
     * over plain HTTP first: the usual local registry answers at once, without the TLS set-up (a trust store read,
     * a handshake) that a cold CLI pays for in every command; a TLS one answers that request 400, and HTTPS follows.
     * The answer also says which authentication it asks for.
     *
     * @throws RetryPolicy.Transient on a retried status
     * @throws RegistryConnectionException when no way works, with each attempt's failure
     * @throws RegistryException when the host answers, but not as a registry
     * @throws RegistryAuthenticationException when it answers 401 without a Basic or Bearer challenge
     */
    Found discover(Clock clock) {
        String apiHost = host.apiHost();
        List<Way> ways = new ArrayList<>();
        boolean plainFirst = RegistryNames.isLoopback(apiHost) && host.caFile().isEmpty();
        if (plainFirst) {
            // No TLS material for a plain request: the trusting client builds none from the trust store.
            ways.add(new Way("http://", "over plain HTTP", this::trusting, true));
        }
        ways.add(new Way("https://", "over HTTPS", this::verified, false));
        if (host.mayBeInsecure()) {
            ways.add(new Way("https://", "over HTTPS without verifying its certificate", this::trusting, false));
            if (!plainFirst) {
                ways.add(new Way("http://", "over plain HTTP", this::verified, false));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Way way : ways) {
            CloseableHttpClient candidate = way.client().get();
            URI uri = URI.create(way.scheme() + apiHost + "/v2/");
            Response answer;
            try {
                answer = execute(candidate, new BasicClassicHttpRequest("GET", uri), false, false);
            } catch (IOException e) {
                failures.add(way.label() + ": " + Failures.describe(e, settings));
                // A refused connection or an unknown host fails the same way over any scheme. A connect timeout
                // on loopback may be a plain-HTTP server waiting for a request line instead of a TLS handshake.
                if (e instanceof ConnectException || e instanceof UnknownHostException
                        || (e instanceof ConnectTimeoutException && !RegistryNames.isLoopback(apiHost))) {
                    break;
                }
                continue;
            }
            if (answer.retryable()) {
                throw new RetryPolicy.Transient(answer.describe(),
                        RetryPolicy.retryAfter(answer.header("Retry-After"), clock), null);
            }
            if (answer.status() != 200 && answer.status() != 401 && way.tentative()) {
                failures.add(way.label() + ": answered " + answer.describe());
                continue;
            }
            if (answer.status() != 200 && answer.status() != 401) {
                throw RegistryException.unexpected("GET " + uri + " answered " + answer.describe() + ", which is not"
                        + " how a registry answers; is " + host.name() + " a registry?", answer.status(),
                        answer.errors().codes());
            }
            Challenge bearer = null;
            boolean basic = false;
            if (answer.status() == 401) {
                List<Challenge> challenges = Challenge.parseAll(answer.headers("WWW-Authenticate"));
                bearer = challenges.stream().filter(c -> c.is("bearer")).findFirst().orElse(null);
                basic = bearer == null && challenges.stream().anyMatch(c -> c.is("basic"));
                if (bearer == null && !basic) {
                    throw RegistryAuthenticationException.refused(host.name(), "it answered 401 without a Basic or"
                            + " Bearer challenge, so Hoist cannot tell how to log in there");
                }
            }
            return new Found(candidate, way.scheme() + apiHost, bearer, basic);
        }
        throw RegistryConnectionException.unreachable("Cannot reach the registry " + host.name() + ": "
                + String.join("; ", failures) + ". Check that it runs and that its host and port are right"
                + (host.mayBeInsecure() ? "" : "; plain HTTP and unverified TLS are only tried for registries on this"
                + " machine or marked insecure") + ".", null);
    }

    /** Cuts every request in flight. */
    void cancelAll() {
        for (Cancellable request : List.copyOf(inFlight)) {
            request.cancel();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            for (CloseableHttpClient http : new CloseableHttpClient[] {verified, trusting}) {
                if (http != null) {
                    try {
                        http.close();
                    } catch (IOException ignored) {
                        LOG.debug("Closing an HTTP client failed", ignored);
                    }
                }
            }
            for (CloseableHttpClient http : foreign.values()) {
                try {
                    http.close();
                } catch (IOException ignored) {
                    LOG.debug("Closing an HTTP client failed", ignored);
                }
            }
            foreign.clear();
            verified = null;
            trusting = null;
        }
    }
}
