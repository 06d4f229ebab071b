package dev.hoist.distribution;

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
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP clients of one registry host (Apache HttpClient 5): one that verifies certificates (the JVM's trust
 * store, the registry's CA file, docker's {@code certs.d/<host>} with its client certificates) and, built only when
 * asked for, one that verifies nothing, for loopback and insecure registries. Redirects, automatic retries, cookies
 * and auth caching are off: the layer above decides each. {@link #cancelAll()} cuts every request in flight.
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
        try {
            return http.execute(request, context, response -> {
                HttpEntity body = response.getEntity();
                byte[] bytes = new byte[0];
                if (body != null) {
                    try (InputStream in = body.getContent()) {
                        bytes = in.readNBytes(MAX_BODY);
                    }
                    EntityUtils.consumeQuietly(body);
                }
                return new Response(response.getCode(), response.getHeaders(), bytes, uri);
            });
        } finally {
            if (cancellable != null) {
                inFlight.remove(cancellable);
            }
        }
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
            verified = null;
            trusting = null;
        }
    }
}
