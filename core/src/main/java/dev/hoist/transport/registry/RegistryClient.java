package dev.hoist.transport.registry;

import dev.hoist.auth.Challenge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.Secret;
import dev.hoist.auth.TokenRealmRule;
import dev.hoist.push.InsecureTokenRealmException;
import dev.hoist.push.ManifestDigestMismatchException;
import dev.hoist.push.ManifestRejectedException;
import dev.hoist.push.RegistryApiException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.push.UploadSessionNotFoundException;
import dev.hoist.api.RegistryNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of one registry's distribution / OCI HTTP API v2 (the OCI distribution spec,
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md, and distribution's token auth spec,
 * https://distribution.github.io/distribution/spec/auth/token/), for one set of credentials.
 *
 * <p>{@link #ping()} finds the scheme and the kind of authentication: HTTPS with verification first; then, for a
 * loopback registry or one marked insecure only, HTTPS without verification and then plain HTTP. Every request
 * then carries Basic credentials or a Bearer token for its scope; a 401 fetches a new token once, with the scope
 * the challenge names, and repeats the request. Streamed request bodies are sent with {@code Expect: 100-continue}
 * so a refused request never consumes its stream.
 *
 * <p>Redirects are never followed automatically; a {@code Location} on another host is refused. Secrets appear in
 * no message: errors quote the registry's error codes and messages, which carry none.
 *
 * <p>Thread-safe: blob uploads of one push run on several threads through one client.
 */
final class RegistryClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final String CLIENT_ID = "hoist";

    /** One answer, its body read in full (bounded: answers here are small). */
    record Response(int status, Header[] headers, byte[] body, URI uri) {

        Optional<String> header(String name) {
            for (Header header : headers) {
                if (header.getName().equalsIgnoreCase(name)) {
                    return Optional.of(header.getValue());
                }
            }
            return Optional.empty();
        }

        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (Header header : headers) {
                if (header.getName().equalsIgnoreCase(name)) {
                    values.add(header.getValue());
                }
            }
            return values;
        }

        /** The registry's error codes and messages ({@code {"errors":[{"code":…,"message":…}]}}), or the status. */
        String describe() {
            StringBuilder text = new StringBuilder("HTTP ").append(status);
            try {
                JsonNode errors = body.length == 0 ? null : JSON.readTree(body).get("errors");
                if (errors != null && errors.isArray()) {
                    for (JsonNode error : errors) {
                        text.append(", ").append(error.path("code").asText("?")).append(": ")
                                .append(error.path("message").asText(""));
                    }
                }
            } catch (IOException notJson) {
                // Only the status, then; bodies of other shapes are not quoted (proxies' pages can be long).
            }
            return text.toString();
        }

        boolean hasErrorCode(String code) {
            try {
                JsonNode errors = body.length == 0 ? null : JSON.readTree(body).get("errors");
                if (errors != null && errors.isArray()) {
                    for (JsonNode error : errors) {
                        if (code.equals(error.path("code").asText())) {
                            return true;
                        }
                    }
                }
            } catch (IOException notJson) {
                return false;
            }
            return false;
        }
    }

    /** Writes a request body; called at most once per request. */
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Carries a {@link HoistException} thrown while writing a request body out through the HTTP client. */
    private static final class BodyAborted extends IOException {
        final HoistException reason;

        BodyAborted(HoistException reason) {
            super("request body aborted");
            this.reason = reason;
        }
    }

    /** A streaming request body; repeatable until it was written, so a 401 before 100-continue can be retried. */
    private static final class StreamingEntity extends AbstractHttpEntity {
        private final long length;
        private final BodyWriter writer;
        private volatile boolean written;

        StreamingEntity(long length, BodyWriter writer) {
            super(ContentType.APPLICATION_OCTET_STREAM, null, length < 0);
            this.length = length;
            this.writer = writer;
        }

        @Override
        public boolean isRepeatable() {
            return !written;
        }

        @Override
        public long getContentLength() {
            return length;
        }

        @Override
        public InputStream getContent() {
            throw new UnsupportedOperationException("a streaming blob body is written, not read");
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            written = true;
            try {
                writer.writeTo(out);
            } catch (HoistException reason) {
                throw new BodyAborted(reason);
            }
            out.flush();
        }

        @Override
        public boolean isStreaming() {
            return !written;
        }

        @Override
        public void close() {
        }
    }

    private final RegistryApiSettings settings;
    private final RegistryTarget target;
    private final String host;
    private final Optional<RegistryCredentials> credentials;
    private final TokenCache tokens;
    private final Clock clock;
    private final boolean mayBeInsecure;
    private final Object lock = new Object();
    private CloseableHttpClient verified;
    private CloseableHttpClient trusting;
    private volatile CloseableHttpClient client;
    private volatile String base;
    private volatile Challenge bearer;
    private volatile boolean basic;
    private final RetryPolicy retry;
    /** Requests being sent now, so {@link #abort()} can cut them. */
    private final java.util.Set<org.apache.hc.core5.concurrent.Cancellable> inFlight =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Upload sessions opened and neither committed nor cancelled yet. */
    private final java.util.Set<URI> openSessions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    RegistryClient(RegistryApiSettings settings, RegistryTarget target, Optional<RegistryCredentials> credentials,
                   TokenCache tokens, Clock clock) {
        this(settings, target, credentials, tokens, clock, RetryPolicy.of(settings));
    }

    RegistryClient(RegistryApiSettings settings, RegistryTarget target, Optional<RegistryCredentials> credentials,
                   TokenCache tokens, Clock clock, RetryPolicy retry) {
        this.retry = retry;
        this.settings = settings;
        this.target = target;
        this.host = target.host();
        this.credentials = credentials;
        this.tokens = tokens;
        this.clock = clock;
        this.mayBeInsecure = RegistryNames.isLoopback(host) || target.insecure();
    }

    /** The registry's {@code host[:port]}. */
    String host() {
        return host;
    }

    /** {@code https://host} or {@code http://host}, once {@link #ping()} found it. */
    String base() {
        return base;
    }

    // ------------------------------------------------------------------ connection set-up

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
                        .setDefaultConnectionConfig(connection)
                        .setMaxConnPerRoute(settings.parallelism() + 2)
                        .setMaxConnTotal(2 * settings.parallelism() + 4)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("hoist")
                .build();
    }

    private CloseableHttpClient verifiedClient() {
        synchronized (lock) {
            if (verified == null) {
                verified = newClient(TlsMaterial.verifying(host, target.caFile(), settings.certsDirectory()), true);
            }
            return verified;
        }
    }

    private CloseableHttpClient trustingClient() {
        synchronized (lock) {
            if (trusting == null) {
                trusting = newClient(TlsMaterial.trustingEverything(), false);
            }
            return trusting;
        }
    }

    /**
     * Finds how to talk to the registry: {@code GET /v2/} over HTTPS, and for loopback or insecure registries
     * over unverified HTTPS and plain HTTP after that; records the authentication it asks for.
     *
     * @throws RegistryConnectionException when no way works, with each attempt's failure
     * @throws RegistryApiException when the host answers, but not as a registry
     */
    void ping() {
        if (base != null) {
            return;
        }
        retry.run(host, "GET " + host + "/v2/", number -> {
            pingOnce();
            return null;
        });
    }

    /** One way {@link #pingOnce} tries: the scheme, how an error names it, and the client to use. */
    private record PingAttempt(String scheme, String label,
                               java.util.function.Supplier<CloseableHttpClient> client) {
    }

    private void pingOnce() {
        if (base != null) {
            return;
        }
        List<String> failures = new ArrayList<>();
        List<PingAttempt> attempts = new ArrayList<>();
        attempts.add(new PingAttempt("https://", "over HTTPS", this::verifiedClient));
        if (mayBeInsecure) {
            attempts.add(new PingAttempt("https://", "over HTTPS without verifying its certificate",
                    this::trustingClient));
            attempts.add(new PingAttempt("http://", "over plain HTTP", this::verifiedClient));
        }
        for (PingAttempt attempt : attempts) {
            String scheme = attempt.scheme();
            CloseableHttpClient candidate = attempt.client().get();
            URI uri = URI.create(scheme + host + "/v2/");
            Response answer;
            try {
                answer = raw(candidate, new BasicClassicHttpRequest("GET", uri), false);
            } catch (IOException e) {
                failures.add(attempt.label() + ": " + describe(e));
                // A refused connection or an unknown host fails the same way over any scheme. A connect timeout
                // on loopback may be a plain-HTTP server waiting for a request line instead of a TLS handshake.
                if (e instanceof ConnectException || e instanceof UnknownHostException
                        || (e instanceof ConnectTimeoutException && !RegistryNames.isLoopback(host))) {
                    break;
                }
                continue;
            }
            if (RetryPolicy.RETRIED_STATUSES.contains(answer.status())) {
                throw new RetryPolicy.Transient(answer.describe(),
                        RetryPolicy.retryAfter(answer.header("Retry-After"), clock), null);
            }
            if (answer.status() != 200 && answer.status() != 401) {
                throw new RegistryApiException("GET " + uri + " answered " + answer.describe() + ", which is not how"
                        + " a registry answers; is " + host + " a registry?", null);
            }
            client = candidate;
            base = scheme + host;
            if (answer.status() == 401) {
                List<Challenge> challenges = Challenge.parseAll(answer.headers("WWW-Authenticate"));
                bearer = challenges.stream().filter(c -> c.is("bearer")).findFirst().orElse(null);
                basic = bearer == null && challenges.stream().anyMatch(c -> c.is("basic"));
                if (bearer == null && !basic) {
                    throw new RegistryAuthenticationException(host, "it answered 401 without a Basic or Bearer"
                            + " challenge, so Hoist cannot tell how to log in there");
                }
            }
            LOG.debug("Registry {} answers at {} ({})", host, base, bearer != null ? "Bearer" : basic ? "Basic" : "anonymous");
            return;
        }
        throw new RegistryConnectionException("Cannot reach the registry " + host + ": " + String.join("; ", failures)
                + ". Check that it runs and that its host and port are right"
                + (mayBeInsecure ? "" : "; plain HTTP and unverified TLS are only tried for registries on this machine"
                + " or marked insecure") + ".", null);
    }

    // ------------------------------------------------------------------ requests

    /**
     * Sends a request with the authorization its scopes need; on a 401 with a Bearer challenge, fetches a new
     * token for the challenge's scopes once and sends it again (when the body was not consumed).
     */
    Response send(String method, URI uri, List<String> scopes, HttpEntity entity, Map<String, String> headers) {
        if (entity instanceof StreamingEntity) {
            return sendOnce(method, uri, scopes, entity, headers);
        }
        return retry.run(host, method + " " + redact(uri), number -> sendOnce(method, uri, scopes, entity, headers));
    }

    /**
     * Sends a request once (with one token refresh on 401).
     *
     * @throws RetryPolicy.Transient on a retried status or a reset, refused or silent connection
     */
    private Response sendOnce(String method, URI uri, List<String> scopes, HttpEntity entity,
                              Map<String, String> headers) {
        ping();
        List<String> useScopes = scopes;
        boolean fresh = false;
        for (int attempt = 0; ; attempt++) {
            org.apache.hc.client5.http.classic.methods.HttpUriRequestBase request =
                    new org.apache.hc.client5.http.classic.methods.HttpUriRequestBase(method, uri);
            headers.forEach(request::addHeader);
            authorization(useScopes, fresh).ifPresent(value -> request.addHeader("Authorization", value));
            if (entity != null) {
                request.setEntity(entity);
            }
            Response answer;
            try {
                // Only a streamed body needs 100-continue (to survive a 401 unconsumed); bytes can be sent again.
                answer = raw(client, request, entity instanceof StreamingEntity);
            } catch (BodyAborted abandoned) {
                throw abandoned.reason;
            } catch (IOException e) {
                if (aborted && !"DELETE".equals(method)) {
                    throw cancelled(e);
                }
                RegistryConnectionException failure = new RegistryConnectionException(method + " " + redact(uri)
                        + " failed: " + describe(e) + ".", e);
                if (RetryPolicy.isTransient(e)) {
                    throw new RetryPolicy.Transient(describe(e), Optional.empty(), failure);
                }
                throw failure;
            }
            if (RetryPolicy.RETRIED_STATUSES.contains(answer.status())) {
                throw new RetryPolicy.Transient(answer.describe(),
                        RetryPolicy.retryAfter(answer.header("Retry-After"), clock), null);
            }
            if (answer.status() == 401 && attempt == 0 && (entity == null || entity.isRepeatable())) {
                List<Challenge> challenges = Challenge.parseAll(answer.headers("WWW-Authenticate"));
                Optional<Challenge> challenge = challenges.stream().filter(c -> c.is("bearer")).findFirst();
                if (challenge.isPresent()) {
                    bearer = challenge.get();
                    useScopes = mergeScopes(scopes, challenge.get().scopes());
                    String header = request.getFirstHeader("Authorization") == null ? ""
                            : request.getFirstHeader("Authorization").getValue();
                    if (header.startsWith("Bearer ")) {
                        refused = header.substring(7);
                    }
                    fresh = true;
                    LOG.debug("{} {} answered 401; fetching a new token for {}", method, redact(uri), useScopes);
                    continue;
                }
            }
            if (answer.status() == 401 || answer.status() == 403) {
                throw authFailure(method + " " + redact(uri) + " answered " + answer.describe());
            }
            return answer;
        }
    }

    /**
     * Our scopes with the challenge's added, actions merged per resource ({@code repository:a:pull,push} and
     * {@code repository:a:pull} give {@code repository:a:pull,push}), so a refresh never narrows a token.
     */
    static List<String> mergeScopes(List<String> ours, List<String> challenged) {
        Map<String, java.util.LinkedHashSet<String>> actions = new LinkedHashMap<>();
        List<String> opaque = new ArrayList<>();
        for (String scope : concat(ours, challenged)) {
            int last = scope.lastIndexOf(':');
            if (last <= 0 || scope.indexOf(':') == last) {
                if (!opaque.contains(scope)) {
                    opaque.add(scope);
                }
                continue;
            }
            actions.computeIfAbsent(scope.substring(0, last), k -> new java.util.LinkedHashSet<>())
                    .addAll(List.of(scope.substring(last + 1).split(",")));
        }
        List<String> merged = new ArrayList<>();
        actions.forEach((resource, names) -> merged.add(resource + ":" + String.join(",", names)));
        merged.addAll(opaque);
        return merged;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Response raw(CloseableHttpClient http, ClassicHttpRequest request, boolean expectContinue) throws IOException {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(settings.idleTimeout()))
                .setExpectContinueEnabled(expectContinue)
                .setRedirectsEnabled(false)
                .build());
        URI uri;
        try {
            uri = request.getUri();
        } catch (java.net.URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        org.apache.hc.core5.concurrent.Cancellable cancellable =
                request instanceof org.apache.hc.core5.concurrent.Cancellable c ? c : null;
        if (cancellable != null) {
            inFlight.add(cancellable);
            if (aborted && !"DELETE".equals(request.getMethod())) {
                cancellable.cancel();
            }
        }
        try {
            return execute(http, request, context, uri);
        } finally {
            if (cancellable != null) {
                inFlight.remove(cancellable);
            }
        }
    }

    private static Response execute(CloseableHttpClient http, ClassicHttpRequest request, HttpClientContext context,
                                    URI uri) throws IOException {
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
    }

    /** The registry names its own credentials setting when it passes the refusal on. */
    private static final String SETTING = "the registry's credentials setting";

    private RegistryAuthenticationException authFailure(String what) {
        RegistryAuthenticationException failure = new RegistryAuthenticationException(target.image(), what);
        return credentials.map(c -> failure.withCredentials("the credentials of " + c.source()
                + (c.identityToken().isPresent() ? " (an identity token)" : " (user \"" + c.username() + "\")"), SETTING))
                .orElse(failure.withCredentials("no credentials (anonymous)", SETTING));
    }

    private Optional<String> authorization(List<String> scopes, boolean fresh) {
        if (basic) {
            if (credentials.isEmpty()) {
                return Optional.empty();
            }
            RegistryCredentials given = credentials.get();
            if (given.password().isEmpty()) {
                throw new RegistryAuthenticationException(target.image(), host + " asks for a username and password"
                        + " (Basic), but " + given.source() + " holds an identity token");
            }
            return Optional.of(basicAuthorization(given));
        }
        Challenge challenge = bearer;
        if (challenge == null) {
            return Optional.empty();
        }
        String scope = String.join(" ", scopes);
        if (!fresh) {
            Optional<String> cached = tokens.get(host, scope);
            if (cached.isPresent()) {
                return Optional.of("Bearer " + cached.get());
            }
        }
        // One token request at a time per client: parallel uploads that all find no token wait for the first.
        synchronized (tokenLock) {
            Optional<String> cached = tokens.get(host, scope);
            if (cached.isPresent() && !(fresh && cached.get().equals(refused))) {
                return Optional.of("Bearer " + cached.get());
            }
            return Optional.of("Bearer " + fetchToken(challenge, scopes));
        }
    }

    private final Object tokenLock = new Object();
    /** The last token a registry refused with 401, so a refresh is not answered with it again. */
    private volatile String refused;

    /**
     * Asks the challenge's realm for a token: GET with Basic credentials (or none), or the OAuth2 refresh-token
     * grant (POST) with an identity token, as docker does. Credentials go there only as {@link TokenRealmRule} says.
     */
    private String fetchToken(Challenge challenge, List<String> scopes) {
        URI realm;
        try {
            realm = new URI(challenge.param("realm").orElse(""));
        } catch (java.net.URISyntaxException e) {
            throw new InsecureTokenRealmException(host, "its token realm is not a URL");
        }
        TokenRealmRule.Verdict verdict = TokenRealmRule.check(host, realm);
        boolean withCredentials = credentials.isPresent();
        if (withCredentials && !verdict.allowed()) {
            throw new InsecureTokenRealmException(host, verdict.reason());
        }
        if (realm.getHost() == null) {
            throw new InsecureTokenRealmException(host, "its token realm " + realm + " is not an http(s) URL");
        }
        if (verdict.otherHost() && withCredentials) {
            LOG.info("{} sends Hoist for its token to {}, another host; following it", host, realm.getHost()
                    + (realm.getPort() < 0 ? "" : ":" + realm.getPort()));
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        challenge.param("service").ifPresent(s -> params.put("service", List.of(s)));
        if (!scopes.isEmpty()) {
            params.put("scope", scopes);
        }
        BasicClassicHttpRequest request;
        if (withCredentials && credentials.get().identityToken().isPresent()) {
            Map<String, List<String>> form = new LinkedHashMap<>();
            form.put("grant_type", List.of("refresh_token"));
            form.put("refresh_token", List.of(credentials.get().identityToken().get().reveal()));
            form.putAll(params);
            // The spec's form carries the scopes space-separated in one value.
            if (!scopes.isEmpty()) {
                form.put("scope", List.of(String.join(" ", scopes)));
            }
            form.put("client_id", List.of(CLIENT_ID));
            request = new BasicClassicHttpRequest("POST", realm);
            request.setEntity(new ByteArrayEntity(encode(form).getBytes(StandardCharsets.UTF_8),
                    ContentType.APPLICATION_FORM_URLENCODED));
        } else {
            if (withCredentials) {
                params.put("account", List.of(credentials.get().username()));
            }
            params.put("client_id", List.of(CLIENT_ID));
            String separator = realm.getRawQuery() == null ? "?" : "&";
            request = new BasicClassicHttpRequest("GET", URI.create(realm + separator + encode(params)));
            if (withCredentials) {
                if (credentials.get().password().isEmpty()) {
                    throw authFailure("the credentials hold neither a password nor an identity token");
                }
                request.addHeader("Authorization", basicAuthorization(credentials.get()));
            }
        }
        String realmName = realm.getScheme() + "://" + realm.getRawAuthority() + realm.getRawPath();
        boolean realmLoopback = RegistryNames.isLoopback(realm.getRawAuthority());
        CloseableHttpClient http = realmLoopback || (target.insecure() && !verdict.otherHost()) ? trustingClient()
                : verifiedClient();
        Instant issued = clock.instant();
        BasicClassicHttpRequest tokenRequest = request;
        Response answer = retry.run(host, "token request to " + realmName, number -> {
            Response tokenAnswer;
            try {
                tokenAnswer = raw(http, tokenRequest, false);
            } catch (IOException e) {
                if (aborted) {
                    throw cancelled(e);
                }
                RegistryConnectionException failure = new RegistryConnectionException("Cannot reach the token"
                        + " service " + realmName + " that " + host + " names: " + describe(e) + ".", e);
                if (RetryPolicy.isTransient(e)) {
                    throw new RetryPolicy.Transient(describe(e), Optional.empty(), failure);
                }
                throw failure;
            }
            if (RetryPolicy.RETRIED_STATUSES.contains(tokenAnswer.status())) {
                throw new RetryPolicy.Transient(tokenAnswer.describe(),
                        RetryPolicy.retryAfter(tokenAnswer.header("Retry-After"), clock), null);
            }
            return tokenAnswer;
        });
        if (answer.status() == 401 || answer.status() == 403) {
            throw authFailure("the token service " + realmName + " answered HTTP " + answer.status());
        }
        if (answer.status() != 200) {
            throw new RegistryApiException("The token service " + realmName + " of " + host + " answered "
                    + answer.describe() + ".", null);
        }
        String token = null;
        Duration lifetime = TokenCache.DEFAULT_LIFETIME;
        try {
            JsonNode json = JSON.readTree(answer.body());
            for (String field : List.of("token", "access_token")) {
                JsonNode value = json == null ? null : json.get(field);
                if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                    token = value.asText();
                    break;
                }
            }
            JsonNode expires = json == null ? null : json.get("expires_in");
            if (expires != null && expires.canConvertToLong() && expires.asLong() > 0) {
                lifetime = Duration.ofSeconds(expires.asLong());
            }
        } catch (IOException notJson) {
            // Reported below as "no token"; the body is never quoted, it may hold one.
        }
        if (token == null) {
            throw new RegistryApiException("The token service " + realmName + " of " + host
                    + " answered 200 without a token.", null);
        }
        tokens.put(host, String.join(" ", scopes), token, issued, lifetime);
        return token;
    }

    // ------------------------------------------------------------------ registry operations

    static List<String> pushScope(String repository) {
        return List.of("repository:" + repository + ":pull,push");
    }

    private URI api(String path) {
        ping();
        return URI.create(base + "/v2/" + path);
    }

    /**
     * {@code HEAD /v2/<name>/blobs/<digest>}: whether the repository has the blob. A redirect (307, as registries
     * with redirecting storage answer) counts as present.
     */
    boolean blobExists(String repository, String digest) {
        Response answer = send("HEAD", api(repository + "/blobs/" + digest), pushScope(repository), null, Map.of());
        if (answer.status() == 200 || answer.status() == 307 || answer.status() == 302) {
            return true;
        }
        if (answer.status() == 404) {
            return false;
        }
        throw unexpected("HEAD", repository + " blob " + digest, answer);
    }

    /**
     * {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<repo>}.
     *
     * @return empty when the registry mounted the blob (201); otherwise the upload session it opened instead (202)
     */
    Optional<URI> mount(String repository, String digest, String from) {
        URI uri = api(repository + "/blobs/uploads/?mount=" + encode(digest) + "&from=" + encode(from));
        List<String> scopes = List.of("repository:" + repository + ":pull,push", "repository:" + from + ":pull");
        Response answer = send("POST", uri, scopes, null, Map.of());
        if (answer.status() == 201) {
            return Optional.empty();
        }
        if (answer.status() == 202) {
            URI session = location(answer, "POST mount");
            openSessions.add(session);
            return Optional.of(session);
        }
        throw unexpected("POST", repository + " mount of " + digest, answer);
    }

    /** {@code POST /v2/<name>/blobs/uploads/}: opens an upload session. */
    URI startUpload(String repository) {
        Response answer = send("POST", api(repository + "/blobs/uploads/"), pushScope(repository), null, Map.of());
        if (answer.status() != 202) {
            throw unexpected("POST", repository + " upload", answer);
        }
        URI session = location(answer, "POST upload");
        openSessions.add(session);
        return session;
    }

    /**
     * Sends the whole blob in one streamed {@code PATCH} (with {@code Content-Length} when {@code length >= 0},
     * chunked otherwise), then {@code PUT ?digest=} with the digest {@code digestAfterBody} gives once the body is
     * written (it may throw to abandon the upload; the session is then cancelled).
     *
     * @return the registry's digest of the committed blob
     */
    String uploadStreamed(String repository, URI session, long length, BodyWriter body,
                          java.util.function.Supplier<String> digestAfterBody) {
        Response patch;
        try {
            patch = send("PATCH", session, pushScope(repository), new StreamingEntity(length, body), Map.of());
        } catch (HoistException | RetryPolicy.Transient failed) {
            cancel(repository, session);
            throw failed;
        }
        if (patch.status() == 404) {
            throw new UploadSessionNotFoundException(host, "(being uploaded)", patch.describe());
        }
        if (patch.status() != 202 && patch.status() != 204) {
            cancel(repository, session);
            throw unexpected("PATCH", repository + " upload", patch);
        }
        String digest;
        try {
            digest = digestAfterBody.get();
        } catch (HoistException rejected) {
            cancel(repository, session);
            throw rejected;
        }
        URI next = location(patch, "PATCH upload");
        openSessions.remove(session);
        openSessions.add(next);
        return commit(repository, next, digest, null);
    }

    /** Sends a blob in the closing {@code PUT ?digest=} of the session (a monolithic upload). */
    String uploadMonolithic(String repository, URI session, String digest, byte[] bytes) {
        return commit(repository, session, digest, bytes);
    }

    private String commit(String repository, URI session, String digest, byte[] bytes) {
        URI put = withQuery(session, "digest=" + encode(digest));
        HttpEntity entity = bytes == null ? null : new ByteArrayEntity(bytes, ContentType.APPLICATION_OCTET_STREAM);
        Response answer;
        try {
            // Never repeated into the same session: the caller retries the blob in a new one.
            answer = sendOnce("PUT", put, pushScope(repository), entity, Map.of());
        } catch (HoistException | RetryPolicy.Transient failed) {
            cancel(repository, session);
            throw failed;
        }
        openSessions.remove(session);
        if (answer.status() == 404 && answer.hasErrorCode("BLOB_UPLOAD_UNKNOWN")) {
            throw new UploadSessionNotFoundException(host, digest, answer.describe());
        }
        if (answer.status() != 201 && answer.status() != 204) {
            throw unexpected("PUT", repository + " blob " + digest, answer);
        }
        Optional<String> stored = answer.header("Docker-Content-Digest");
        if (stored.isPresent() && !stored.get().equals(digest)) {
            throw new RegistryApiException("The registry " + host + " stored blob " + digest + " as " + stored.get()
                    + "; the bytes changed on the way.", null);
        }
        return digest;
    }

    /** {@code DELETE} of an upload session, best effort: a registry may not support it. */
    void cancel(String repository, URI session) {
        openSessions.remove(session);
        try {
            Response answer = sendOnce("DELETE", session, pushScope(repository), null, Map.of());
            LOG.debug("Cancelled an upload session on {}: HTTP {}", host, answer.status());
        } catch (HoistException | RetryPolicy.Transient ignored) {
            LOG.debug("Cancelling an upload session on {} failed: {}", host, ignored.getMessage());
        }
    }

    /**
     * Cuts every request in flight and refuses new ones (but {@code DELETE}s of upload sessions) with
     * {@link dev.hoist.push.PushCancelledException}. Called from another thread when the push is interrupted.
     */
    void abort() {
        aborted = true;
        for (org.apache.hc.core5.concurrent.Cancellable request : List.copyOf(inFlight)) {
            request.cancel();
        }
    }

    /** Whether {@link #abort()} was called. */
    boolean aborted() {
        return aborted;
    }

    /**
     * Cancels ({@code DELETE}) every upload session still open, best effort; the calling thread's interrupt
     * status is kept.
     *
     * @return how many sessions were open
     */
    int cancelOpenSessions(String repository) {
        List<URI> open = List.copyOf(openSessions);
        boolean interrupted = Thread.interrupted();
        try {
            for (URI session : open) {
                cancel(repository, session);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return open.size();
    }

    /** The retry policy of this client's transport. */
    RetryPolicy retry() {
        return retry;
    }

    private dev.hoist.push.PushCancelledException cancelled(Throwable cause) {
        return new dev.hoist.push.PushCancelledException("The push to " + host + " was cancelled (its thread was"
                + " interrupted); open upload sessions are cancelled.", cause);
    }

    /**
     * {@code PUT /v2/<name>/manifests/<reference>} with the exact media type; checks {@code Docker-Content-Digest}
     * against the digest of the exact bytes sent.
     *
     * @return the digest of {@code bytes}, which the registry confirmed (or did not contradict)
     * @throws ManifestRejectedException when the registry refuses the media type
     * @throws ManifestDigestMismatchException when the registry reports another digest
     */
    String putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        String digest = Digests.sha256(bytes);
        Response answer = send("PUT", api(repository + "/manifests/" + reference), pushScope(repository),
                new ByteArrayEntity(bytes, ContentType.create(mediaType)), Map.of());
        if (answer.status() == 415 || (answer.status() == 400 && (answer.hasErrorCode("MANIFEST_INVALID")
                || answer.hasErrorCode("UNSUPPORTED")) && mentionsMediaType(answer))) {
            throw new ManifestRejectedException(host, mediaType, answer.describe());
        }
        if (answer.status() != 201 && answer.status() != 200 && answer.status() != 202) {
            throw unexpected("PUT", repository + " manifest " + reference + " (" + mediaType + ")", answer);
        }
        Optional<String> reported = answer.header("Docker-Content-Digest");
        if (reported.isPresent() && !reported.get().equals(digest)) {
            throw new ManifestDigestMismatchException(host + "/" + repository + ":" + reference, digest, reported.get());
        }
        return digest;
    }

    /** The manifest media types a HEAD accepts: docker schema 2 and list, OCI manifest and index. */
    static final String MANIFEST_ACCEPT = String.join(", ", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    /**
     * What the registry holds under a tag, by {@code HEAD /v2/<name>/manifests/<reference>}.
     *
     * @return the digest, media type and size the registry reports
     * @throws RegistryApiException when the registry has no such manifest or answers otherwise
     */
    RegistryApiTransport.ManifestInfo headManifest(String repository, String reference) {
        Response answer = send("HEAD", api(repository + "/manifests/" + reference), List.of("repository:" + repository + ":pull"),
                null, Map.of("Accept", MANIFEST_ACCEPT));
        if (answer.status() != 200) {
            throw unexpected("HEAD", repository + " manifest " + reference, answer);
        }
        return new RegistryApiTransport.ManifestInfo(answer.header("Docker-Content-Digest").orElse(""),
                answer.header("Content-Type").orElse(""),
                answer.header("Content-Length").map(Long::parseLong).orElse(-1L));
    }

    private static boolean mentionsMediaType(Response answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return text.contains("media type") || text.contains("mediatype") || text.contains("unsupported")
                || text.contains("schema");
    }

    private RegistryApiException unexpected(String method, String what, Response answer) {
        if (answer.status() == 404 && answer.hasErrorCode("BLOB_UPLOAD_UNKNOWN")) {
            return new UploadSessionNotFoundException(host, what, answer.describe());
        }
        return new RegistryApiException("The registry " + host + " answered " + method + " of " + what + " with "
                + answer.describe() + ".", null);
    }

    /** The {@code Location} of an answer, resolved against the request, its query kept; on the same host only. */
    private URI location(Response answer, String what) {
        String value = answer.header("Location").orElseThrow(() -> new RegistryApiException("The registry " + host
                + " answered " + what + " without a Location header.", null));
        URI resolved;
        try {
            resolved = answer.uri().resolve(new URI(value));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new RegistryApiException("The registry " + host + " answered " + what + " with an unreadable"
                    + " Location header.", null);
        }
        String authority = resolved.getRawAuthority();
        if (authority == null || !authority.equalsIgnoreCase(URI.create(base).getRawAuthority())
                || !resolved.getScheme().equalsIgnoreCase(URI.create(base).getScheme())) {
            throw new RegistryApiException("The registry " + host + " sent " + what + " to another host ("
                    + resolved.getScheme() + "://" + authority + "); Hoist does not follow a registry to another host"
                    + " or scheme with its credentials.", null);
        }
        return resolved;
    }

    private static URI withQuery(URI uri, String query) {
        String text = uri.toString();
        return URI.create(text + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    /** The URI without its query, which may carry upload state. */
    private static String redact(URI uri) {
        String text = uri.toString();
        int question = text.indexOf('?');
        return question < 0 ? text : text.substring(0, question);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String encode(Map<String, List<String>> params) {
        return params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
    }

    private static String basicAuthorization(RegistryCredentials credentials) {
        String pair = credentials.username() + ":" + credentials.password().map(Secret::reveal).orElse("");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private String describe(IOException failure) {
        if (failure instanceof ConnectTimeoutException) {
            return "no connection within " + DurationText.of(settings.connectTimeout())
                    + " (hoist.registry-api.connect-timeout)";
        }
        if (failure instanceof SocketTimeoutException) {
            return "no byte received for " + DurationText.of(settings.idleTimeout())
                    + " (hoist.registry-api.idle-timeout)";
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof InterruptedIOException) {
            return "interrupted";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException tls) {
                return "TLS failed: " + tls.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
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

    @Override
    public String toString() {
        return "RegistryClient[" + host + "]";
    }
}
