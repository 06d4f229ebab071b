package dev.hoist.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.api.RegistryNames;
import dev.hoist.auth.Challenge;
import dev.hoist.auth.TokenRealmRule;
import dev.hoist.push.RegistryException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bearer token flow of distribution's token auth spec (https://distribution.github.io/distribution/spec/auth/token/
 * and its OAuth2 variant, .../spec/auth/oauth/), the only copy in Hoist: a token is asked of the challenge's
 * realm by {@code GET} with Basic credentials (or none), or, with an identity token, by the OAuth2 refresh-token
 * grant ({@code POST}), as docker does. Credentials go to a realm only as {@link TokenRealmRule} allows. Tokens are
 * kept in a {@link TokenCache} by host and scope; one token request at a time per exchange, so parallel uploads
 * that find no token wait for the first. No message quotes a token, a password or a token service's body.
 */
final class TokenExchange {

    private static final Logger LOG = LoggerFactory.getLogger(TokenExchange.class);
    private static final String CLIENT_ID = "hoist";

    /**
     * What a token service answered.
     *
     * @param status the HTTP status
     * @param token the token, when the answer was 200 and held one
     * @param realm {@code scheme://host[:port]/path} of the realm, for messages
     * @param realmHost {@code host[:port]} of the realm, for messages
     * @param describe the status and errors of an answer, or for a 200 without a token what its body was
     */
    record Answer(int status, Optional<String> token, Duration lifetime, String realm, String realmHost,
                  String describe) {
    }

    private final RegistryHost host;
    private final Optional<RegistryCredentials> credentials;
    private final TokenCache cache;
    private final Clock clock;
    private final RetryPolicy retry;
    private final Connections connections;
    private final HttpSettings settings;
    private final Function<String, RegistryAuthenticationException> refused;
    private final Object lock = new Object();
    /** The last token a registry refused with 401, so a refresh is not answered with it again. */
    private volatile String refusedToken;

    /**
     * @param refused builds the error for credentials a token service refused, from what happened
     */
    TokenExchange(HttpSettings settings, RegistryHost host, Optional<RegistryCredentials> credentials,
                  TokenCache cache, Clock clock, RetryPolicy retry, Connections connections,
                  Function<String, RegistryAuthenticationException> refused) {
        this.settings = settings;
        this.host = host;
        this.credentials = credentials;
        this.cache = cache;
        this.clock = clock;
        this.retry = retry;
        this.connections = connections;
        this.refused = refused;
    }

    /** Remembers a token the registry answered 401 to, so that the next {@link #bearer} asks for a new one. */
    void refused(String token) {
        refusedToken = token;
    }

    /**
     * {@code Bearer <token>} for the scopes: a cached token, or, when {@code fresh} or none is cached, a new one.
     *
     * @throws RegistryAuthenticationException when the token service refuses the credentials
     * @throws RegistryAuthenticationException with reason
     *         {@link RegistryAuthenticationException.Reason#INSECURE_REALM} when the realm may not get the credentials
     * @throws RegistryConnectionException when the token service cannot be reached
     * @throws RegistryException when it answers otherwise, or without a token
     */
    String bearer(Challenge challenge, List<String> scopes, boolean fresh) {
        String scope = String.join(" ", scopes);
        if (!fresh) {
            Optional<String> cached = cache.get(host.apiHost(), scope);
            if (cached.isPresent()) {
                return "Bearer " + cached.get();
            }
        }
        synchronized (lock) {
            Optional<String> cached = cache.get(host.apiHost(), scope);
            if (cached.isPresent() && !(fresh && cached.get().equals(refusedToken))) {
                return "Bearer " + cached.get();
            }
            Instant issued = clock.instant();
            Answer answer = request(challenge, scopes);
            if (answer.status() == 401 || answer.status() == 403) {
                throw refused.apply("the token service " + answer.realm() + " answered HTTP " + answer.status());
            }
            if (answer.status() != 200) {
                throw RegistryException.unexpected("The token service " + answer.realm() + " of " + host.name()
                        + " answered " + answer.describe() + ".", answer.status(), List.of());
            }
            String token = answer.token().orElseThrow(() -> RegistryException.unexpected("The token service "
                    + answer.realm() + " of " + host.name() + " answered 200 with " + answer.describe()
                    + ", not a token.", answer.status(), List.of()));
            cache.put(host.apiHost(), scope, token, issued, answer.lifetime());
            return "Bearer " + token;
        }
    }

    /**
     * Asks the challenge's realm for a token once per attempt (transient failures retried), and reports what it
     * answered without judging it.
     *
     * @throws RegistryAuthenticationException with reason
     *         {@link RegistryAuthenticationException.Reason#INSECURE_REALM} when the realm may not get the
     *         credentials, or is no http(s) URL
     * @throws RegistryConnectionException when the token service cannot be reached
     */
    Answer request(Challenge challenge, List<String> scopes) {
        URI realm;
        try {
            realm = new URI(challenge.param("realm").orElse(""));
        } catch (URISyntaxException e) {
            throw RegistryAuthenticationException.insecureRealm(host.name(), "its token realm is not a URL");
        }
        TokenRealmRule.Verdict verdict = TokenRealmRule.check(host.apiHost(), realm);
        boolean withCredentials = credentials.isPresent();
        if (withCredentials && !verdict.allowed()) {
            throw RegistryAuthenticationException.insecureRealm(host.name(), verdict.reason());
        }
        if (realm.getHost() == null || realm.getScheme() == null) {
            throw RegistryAuthenticationException.insecureRealm(host.name(), "its token realm " + realm + " is not an http(s) URL");
        }
        String realmHost = realm.getHost() + (realm.getPort() < 0 ? "" : ":" + realm.getPort());
        if (verdict.otherHost() && withCredentials) {
            LOG.info("{} sends Hoist for its token to {}, another host; following it", host.name(), realmHost);
        }
        BasicClassicHttpRequest request = tokenRequest(challenge, scopes, realm);
        String realmName = realm.getScheme() + "://" + realm.getRawAuthority() + realm.getRawPath();
        CloseableHttpClient http = RegistryNames.isLoopback(realm.getRawAuthority())
                || (host.insecure() && !verdict.otherHost()) ? connections.trusting() : connections.verified();
        Response answer = retry.run(host.apiHost(), "token request to " + realmName, number -> {
            Response tokenAnswer;
            try {
                tokenAnswer = connections.execute(http, request, false, false);
            } catch (IOException e) {
                RegistryConnectionException failure = RegistryConnectionException.unreachable("Cannot reach the token"
                        + " service " + realmName + " that " + host.name() + " names: "
                        + Failures.describe(e, settings) + ".", e);
                if (Failures.isTransient(e)) {
                    throw new RetryPolicy.Transient(Failures.describe(e, settings), Optional.empty(), failure);
                }
                throw failure;
            }
            if (tokenAnswer.retryable()) {
                throw new RetryPolicy.Transient(tokenAnswer.describe(),
                        RetryPolicy.retryAfter(tokenAnswer.header("Retry-After"), clock), null);
            }
            return tokenAnswer;
        });
        Optional<String> token = Optional.empty();
        Duration lifetime = TokenCache.DEFAULT_LIFETIME;
        String described = answer.describe();
        if (answer.status() == 200) {
            String type = answer.header("Content-Type").map(t -> t.split(";", 2)[0].strip()).orElse("no type");
            described = "a JSON document without a token or access_token field";
            try {
                JsonNode json = Json.MAPPER.readTree(answer.body());
                if (json == null || !json.isObject()) {
                    described = answer.body().length == 0 ? "an empty body"
                            : "a body that is not a JSON object (" + type + ", " + answer.body().length + " bytes)";
                }
                for (String field : List.of("token", "access_token")) {
                    JsonNode value = json == null ? null : json.get(field);
                    if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                        token = Optional.of(value.asText());
                        break;
                    }
                }
                JsonNode expires = json == null ? null : json.get("expires_in");
                if (expires != null && expires.canConvertToLong() && expires.asLong() > 0) {
                    lifetime = Duration.ofSeconds(expires.asLong());
                }
            } catch (IOException notJson) {
                // The body is never quoted: it may hold a token.
                described = "a body that is not JSON (" + type + ", " + answer.body().length + " bytes)";
            }
        }
        return new Answer(answer.status(), token, lifetime, realmName, realmHost, described);
    }

    /** GET with Basic credentials (or none), or the refresh-token grant (POST) with an identity token. */
    private BasicClassicHttpRequest tokenRequest(Challenge challenge, List<String> scopes, URI realm) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        challenge.param("service").ifPresent(s -> params.put("service", List.of(s)));
        if (!scopes.isEmpty()) {
            params.put("scope", scopes);
        }
        if (credentials.isPresent() && credentials.get().identityToken().isPresent()) {
            Map<String, List<String>> form = new LinkedHashMap<>();
            form.put("grant_type", List.of("refresh_token"));
            form.put("refresh_token", List.of(credentials.get().identityToken().get().reveal()));
            form.putAll(params);
            // The OAuth2 form carries the scopes space-separated in one value.
            if (!scopes.isEmpty()) {
                form.put("scope", List.of(String.join(" ", scopes)));
            }
            form.put("client_id", List.of(CLIENT_ID));
            BasicClassicHttpRequest request = new BasicClassicHttpRequest("POST", realm);
            request.setEntity(new ByteArrayEntity(encode(form).getBytes(StandardCharsets.UTF_8),
                    ContentType.APPLICATION_FORM_URLENCODED));
            return request;
        }
        if (credentials.isPresent()) {
            params.put("account", List.of(credentials.get().username()));
        }
        params.put("client_id", List.of(CLIENT_ID));
        String separator = realm.getRawQuery() == null ? "?" : "&";
        BasicClassicHttpRequest request = new BasicClassicHttpRequest("GET", URI.create(realm + separator
                + encode(params)));
        if (credentials.isPresent()) {
            if (credentials.get().password().isEmpty()) {
                throw refused.apply("the credentials hold neither a password nor an identity token");
            }
            request.addHeader("Authorization", basic(credentials.get()));
        }
        return request;
    }

    /** {@code Basic base64(user:password)}. */
    static String basic(RegistryCredentials credentials) {
        String pair = credentials.username() + ":" + credentials.password().map(Secret::reveal).orElse("");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Our scopes with the challenge's added, actions merged per resource ({@code repository:a:pull,push} and
     * {@code repository:a:pull} give {@code repository:a:pull,push}), so a refresh never narrows a token.
     */
    static List<String> mergeScopes(List<String> ours, List<String> challenged) {
        Map<String, LinkedHashSet<String>> actions = new LinkedHashMap<>();
        List<String> opaque = new ArrayList<>();
        List<String> all = new ArrayList<>(ours);
        all.addAll(challenged);
        for (String scope : all) {
            int last = scope.lastIndexOf(':');
            if (last <= 0 || scope.indexOf(':') == last) {
                if (!opaque.contains(scope)) {
                    opaque.add(scope);
                }
                continue;
            }
            actions.computeIfAbsent(scope.substring(0, last), k -> new LinkedHashSet<>())
                    .addAll(List.of(scope.substring(last + 1).split(",")));
        }
        List<String> merged = new ArrayList<>();
        actions.forEach((resource, names) -> merged.add(resource + ":" + String.join(",", names)));
        merged.addAll(opaque);
        return merged;
    }

    private static String encode(Map<String, List<String>> params) {
        return params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> RegistryHttp.encode(e.getKey()) + "="
                        + RegistryHttp.encode(v)))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return "TokenExchange[" + host.name() + "]";
    }
}
