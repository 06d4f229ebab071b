package dev.hoist.auth;

import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks credentials against a registry the way a push would use them, for {@code hoist auth}: it asks
 * {@code GET /v2/}, answers a {@code Basic} challenge with the username and password, and a {@code Bearer}
 * challenge by fetching a token for {@code repository:<path>:push,pull} from the realm, then asks again.
 * Nothing is pushed. A token for push scope does not prove push permission on every registry; the push does.
 *
 * <p>Connections: like docker, a loopback host ({@code localhost}, {@code 127.x.y.z}, {@code [::1]}) is tried
 * over HTTPS without certificate or host name checks, and, when that fails for any reason other than a refused
 * connection or an unanswered request (a plain-HTTP server breaks or ignores the TLS handshake), over plain
 * HTTP. Every other host
 * gets HTTPS with normal verification, and nothing else. The blind trust is confined to one client that only
 * ever talks to loopback addresses; its trust manager is an {@link X509ExtendedTrustManager}, which is where
 * the JDK checks host names too, so no global switch such as
 * {@code jdk.internal.httpclient.disableHostnameVerification} is needed.
 *
 * <p>Without credentials, a registry that answers {@code 401} is reported {@link ProbeStatus#UNAUTHORIZED}
 * at once: an anonymous token would only allow pulling, and the probe exists for pushing.
 *
 * <p>No detail ever contains a password, token or identity token; usernames and credential sources do appear.
 */
public final class RegistryProbe {

    /** How long a TCP (and TLS) connection may take. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one request may wait for its answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegistryProbe.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "hoist";

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final HttpClient verifyingClient;
    private final HttpClient loopbackClient;

    /**
     * What the probe found.
     *
     * @param status the verdict
     * @param detail one or two sentences for a person: what happened and, if it failed, what to try next
     */
    public record Result(ProbeStatus status, String detail) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A probe with a 5 s connect timeout and a 15 s request timeout. */
    public RegistryProbe() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public RegistryProbe(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        // Redirects are not followed: the JDK would carry the Authorization header to wherever they point.
        this.verifyingClient = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.loopbackClient = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .sslContext(trustingEverything()).build();
    }

    /**
     * Checks {@code credentials} against {@code host}.
     *
     * @param host the registry host with its port, as docker writes it: {@code ghcr.io}, {@code localhost:5001};
     *        {@code docker.io} is asked at {@code registry-1.docker.io}
     * @param credentials what to present; empty to see whether the registry wants any
     * @param repositoryPath the repository a push would go to, for the token scope, for example {@code team/app};
     *        empty to ask for a token without a scope
     */
    public Result probe(String host, Optional<RegistryCredentials> credentials, String repositoryPath) {
        return probe(host, credentials, repositoryPath, "<root>.registries.<name>.credentials");
    }

    /**
     * As {@link #probe(String, Optional, String)}, naming the registry's credentials setting in advice.
     *
     * @param credentialsSetting the full config path, such as {@code hoist.registries.prod.credentials}
     */
    public Result probe(String host, Optional<RegistryCredentials> credentials, String repositoryPath,
                        String credentialsSetting) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(repositoryPath, "repositoryPath");
        try {
            return new Attempt(host, credentials, repositoryPath, credentialsSetting).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(ProbeStatus.UNREACHABLE, "Interrupted while probing " + host + ".");
        }
    }

    /**
     * Runs the probe and keeps what passed, the scheme and the {@code Authorization} it took, so that more
     * requests can follow the same way: the engine transport uses it to ask for the digest of a pushed tag.
     *
     * @param host as for {@link #probe}
     * @param credentials as for {@link #probe}
     * @param repositoryPath as for {@link #probe}; a Bearer token is asked for {@code push,pull} on it
     * @return a session; its {@link Session#result()} says whether requests may be sent
     */
    public Session open(String host, Optional<RegistryCredentials> credentials, String repositoryPath) {
        Attempt attempt = new Attempt(Objects.requireNonNull(host, "host"), Objects.requireNonNull(credentials, "credentials"),
                Objects.requireNonNull(repositoryPath, "repositoryPath"), "<root>.registries.<name>.credentials");
        try {
            return new Session(attempt, attempt.run());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Session(attempt, new Result(ProbeStatus.UNREACHABLE, "Interrupted while probing " + host + "."));
        }
    }

    /**
     * A probe that passed, ready for more requests to the same registry with the same credentials. Its
     * {@code toString} shows no credentials.
     */
    public final class Session {

        private final Attempt attempt;
        private final Result result;

        private Session(Attempt attempt, Result result) {
            this.attempt = attempt;
            this.result = result;
        }

        /** The probe's verdict; requests may be sent only when it is {@link ProbeStatus#OK}. */
        public Result result() {
            return result;
        }

        /**
         * Sends a request to the registry's API, over the scheme the probe found, with its authorization.
         *
         * @param method {@code GET} or {@code HEAD}
         * @param apiPath a path below the host, such as {@code /v2/team/app/manifests/1}
         * @param accept the {@code Accept} header
         * @throws IllegalStateException if the probe did not pass
         */
        public HttpResponse<Void> send(String method, String apiPath, String accept) throws IOException, InterruptedException {
            if (result.status() != ProbeStatus.OK) {
                throw new IllegalStateException("The probe of " + attempt.host + " did not pass: " + result.detail());
            }
            HttpRequest.Builder builder = request(URI.create(attempt.base + apiPath)).header("Accept", accept)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (attempt.authorization != null) {
                builder.header("Authorization", attempt.authorization);
            }
            return attempt.client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
        }

        @Override
        public String toString() {
            return "RegistryProbe.Session[" + attempt.host + ", " + result.status() + "]";
        }
    }

    /** The state of one probe: which host, which scheme worked, what to present. */
    private final class Attempt {

        private final String host;
        private final String apiHost;
        private final Optional<RegistryCredentials> credentials;
        private final String repositoryPath;
        private final String credentialsSetting;
        private final HttpClient client;
        private String base;
        /** What passed: the Authorization header value to repeat; null when none was needed. Never printed. */
        private String authorization;

        Attempt(String host, Optional<RegistryCredentials> credentials, String repositoryPath, String credentialsSetting) {
            this.credentialsSetting = credentialsSetting;
            this.host = host.trim();
            this.apiHost = RegistryHosts.apiHost(host);
            this.credentials = credentials;
            this.repositoryPath = repositoryPath.strip();
            this.client = RegistryHosts.isLoopback(apiHost) ? loopbackClient : verifyingClient;
        }

        Result run() throws InterruptedException {
            HttpResponse<String> ping;
            base = "https://" + apiHost;
            try {
                ping = send(ping(null));
            } catch (IOException httpsFailure) {
                if (client != loopbackClient || !mayBePlainHttp(httpsFailure)) {
                    return unreachable("Could not reach " + base + "/v2/: " + describe(httpsFailure) + ".");
                }
                base = "http://" + apiHost;
                try {
                    ping = send(ping(null));
                } catch (IOException httpFailure) {
                    return unreachable("Could not reach " + host + " over HTTPS (" + describe(httpsFailure)
                            + ") nor over plain HTTP (" + describe(httpFailure) + ").");
                }
            }
            int status = ping.statusCode();
            if (status == 200) {
                return new Result(ProbeStatus.OK, host + " answers /v2/ without asking for credentials" + overWhat()
                        + credentials.map(c -> "; the credentials from " + c.source() + " were not needed").orElse("")
                        + ".");
            }
            if (status != 401) {
                return unexpected("GET " + base + "/v2/", status);
            }
            if (credentials.isEmpty()) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + ": the registry wants credentials and none were"
                        + " found: configure " + credentialsSetting + " or run docker login " + host + ".");
            }
            RegistryCredentials given = credentials.get();
            List<Challenge> challenges = ping.headers().allValues("WWW-Authenticate").stream()
                    .map(Challenge::parse).flatMap(Optional::stream).toList();
            Optional<Challenge> bearer = challenges.stream().filter(c -> c.is("bearer")).findFirst();
            if (bearer.isPresent()) {
                return bearerFlow(bearer.get(), given);
            }
            if (challenges.stream().anyMatch(c -> c.is("basic"))) {
                return basicFlow(given);
            }
            return new Result(ProbeStatus.UNAUTHORIZED, host + " answered 401 without a Basic or Bearer challenge"
                    + " in WWW-Authenticate, so Hoist cannot tell how to log in there.");
        }

        private Result basicFlow(RegistryCredentials given) throws InterruptedException {
            if (given.password().isEmpty()) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + " asks for a username and password (Basic), but "
                        + given.source() + " holds an identity token; give a username and password instead.");
            }
            HttpResponse<String> answer;
            try {
                answer = send(ping(basicAuthorization(given)));
            } catch (IOException e) {
                return unreachable("Could not reach " + base + "/v2/ a second time: " + describe(e) + ".");
            }
            if (answer.statusCode() == 200) {
                authorization = basicAuthorization(given);
                return new Result(ProbeStatus.OK, host + " accepted " + phrase(given) + " (Basic auth" + overWhat(true)
                        + ").");
            }
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + " rejected " + phrase(given) + " (HTTP "
                        + answer.statusCode() + "): check them, or run docker login " + host + " again.");
            }
            return unexpected("GET " + base + "/v2/ with Basic auth", answer.statusCode());
        }

        private Result bearerFlow(Challenge challenge, RegistryCredentials given) throws InterruptedException {
            Optional<URI> realm = challenge.param("realm").flatMap(RegistryProbe::parseUri);
            if (realm.isEmpty() || !List.of("http", "https").contains(realm.get().getScheme().toLowerCase(Locale.ROOT))
                    || realm.get().getHost() == null) {
                return unexpected("a Bearer challenge without a usable realm from " + host, 401);
            }
            URI realmUri = realm.get();
            String realmHost = realmUri.getHost() + (realmUri.getPort() < 0 ? "" : ":" + realmUri.getPort());
            boolean realmLoopback = RegistryHosts.isLoopback(realmHost);
            TokenRealmRule.Verdict verdict = TokenRealmRule.check(apiHost, realmUri);
            if (!verdict.allowed()) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + " sends Hoist for a token to " + realmUri
                        + (realmUri.getScheme().equalsIgnoreCase("http") ? " over plain HTTP" : "")
                        + "; Hoist does not send credentials there (" + verdict.reason() + ").");
            }
            if (verdict.otherHost()) {
                LOG.info("{} sends Hoist for its token to {}, another host; following it", host, realmHost);
            }
            Map<String, String> params = new LinkedHashMap<>();
            challenge.param("service").ifPresent(service -> params.put("service", service));
            if (!repositoryPath.isEmpty()) {
                params.put("scope", "repository:" + repositoryPath + ":push,pull");
            }
            HttpRequest.Builder tokenRequest;
            if (given.identityToken().isPresent()) {
                // The OAuth2 refresh-token grant, as docker does with an identity token.
                Map<String, String> form = new LinkedHashMap<>();
                form.put("grant_type", "refresh_token");
                form.put("refresh_token", given.identityToken().get().reveal());
                form.putAll(params);
                form.put("client_id", CLIENT_ID);
                tokenRequest = request(realmUri).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
            } else if (given.password().isPresent()) {
                params.put("account", given.username());
                params.put("client_id", CLIENT_ID);
                tokenRequest = request(withQuery(realmUri, params)).header("Authorization", basicAuthorization(given))
                        .GET();
            } else {
                return new Result(ProbeStatus.UNAUTHORIZED, given.source()
                        + " holds neither a password nor an identity token for " + host + ".");
            }
            HttpResponse<String> tokenAnswer;
            try {
                tokenAnswer = (realmLoopback ? loopbackClient : verifyingClient).send(tokenRequest.build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return unreachable("Could not reach the token service " + realmHost + " that " + host + " names: "
                        + describe(e) + ".");
            }
            if (tokenAnswer.statusCode() == 401 || tokenAnswer.statusCode() == 403) {
                return new Result(ProbeStatus.UNAUTHORIZED, "The token service " + realmHost + " for " + host
                        + " rejected " + phrase(given) + " (HTTP " + tokenAnswer.statusCode() + "): "
                        + (given.identityToken().isPresent() ? "the token may have expired; run docker login "
                        + host + " again." : "check them, or run docker login " + host + " again."));
            }
            if (tokenAnswer.statusCode() != 200) {
                return unexpected("the token request to " + realmHost, tokenAnswer.statusCode());
            }
            Optional<String> token = tokenFrom(tokenAnswer.body());
            if (token.isEmpty()) {
                return unexpected("the token service " + realmHost + ", which answered 200 without a token,", 200);
            }
            HttpResponse<String> answer;
            try {
                answer = send(ping("Bearer " + token.get()));
            } catch (IOException e) {
                return unreachable("Could not reach " + base + "/v2/ a second time: " + describe(e) + ".");
            }
            String scope = params.containsKey("scope") ? ", scope " + params.get("scope") : "";
            if (answer.statusCode() == 200) {
                authorization = "Bearer " + token.get();
                return new Result(ProbeStatus.OK, host + " accepted " + phrase(given) + " (Bearer token from "
                        + realmHost + scope + overWhat(true) + ").");
            }
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + " refused the token " + realmHost + " issued for "
                        + phrase(given) + " (HTTP " + answer.statusCode() + scope + "): check that this account may"
                        + " push to " + (repositoryPath.isEmpty() ? host : host + "/" + repositoryPath) + ".");
            }
            return unexpected("GET " + base + "/v2/ with a Bearer token", answer.statusCode());
        }

        private HttpRequest ping(String authorization) {
            HttpRequest.Builder builder = request(URI.create(base + "/v2/")).GET();
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            return builder.build();
        }

        private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }

        private String overWhat() {
            return overWhat(false);
        }

        private String overWhat(boolean inParentheses) {
            if (!base.startsWith("http://")) {
                return "";
            }
            return inParentheses ? ", over plain HTTP" : " (over plain HTTP)";
        }

        private Result unexpected(String what, int status) {
            return unreachable(what + " answered HTTP " + status + ", which is not how a registry answers; is "
                    + host + " a registry?");
        }
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("User-Agent", "hoist");
    }

    private static Result unreachable(String detail) {
        return new Result(ProbeStatus.UNREACHABLE, detail);
    }

    private static String phrase(RegistryCredentials credentials) {
        if (credentials.identityToken().isPresent()) {
            return "the identity token from " + credentials.source();
        }
        return "the username \"" + credentials.username() + "\" and password from " + credentials.source();
    }

    private static String basicAuthorization(RegistryCredentials credentials) {
        String pair = credentials.username() + ":" + credentials.password().map(Secret::reveal).orElse("");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> tokenFrom(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            for (String field : List.of("token", "access_token")) {
                JsonNode value = json == null ? null : json.get(field);
                if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                    return Optional.of(value.asText());
                }
            }
        } catch (IOException notJson) {
            // Reported as "no token"; the body may hold a token, so it is never quoted.
        }
        return Optional.empty();
    }

    private static URI withQuery(URI uri, Map<String, String> params) {
        String separator = uri.getRawQuery() == null ? "?" : "&";
        return URI.create(uri + separator + formEncode(params));
    }

    private static String formEncode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Optional<URI> parseUri(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a failed HTTPS attempt at a loopback host may mean the server speaks plain HTTP. A refused
     * connection or an unanswered request would fail the same way again. A connect timeout would not: on
     * loopback the TCP connect is instant, so it is the TLS handshake that went unanswered, which is what
     * a plain-HTTP server that waits for a request line does (the JDK's own HttpServer, for one).
     */
    private static boolean mayBePlainHttp(IOException failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return true;
        }
        return !(failure instanceof ConnectException) && !(failure instanceof HttpTimeoutException);
    }

    private String describe(IOException failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "no connection within " + connectTimeout.toSeconds() + " s";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + requestTimeout.toSeconds() + " s";
        }
        if (hasCause(failure, UnresolvedAddressException.class) || hasCause(failure, UnknownHostException.class)) {
            return "unknown host";
        }
        if (failure instanceof ConnectException) {
            return failure.getMessage() == null ? "connection refused" : failure.getMessage();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException tls) {
                return "TLS failed: " + tls.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Trusts any certificate and any host name; used only by the client that talks to loopback hosts. */
    private static SSLContext trustingEverything() {
        return TrustAll.context(null);
    }

}
