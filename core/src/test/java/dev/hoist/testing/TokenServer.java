package dev.hoist.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token service of the token-auth test registry ({@code HOIST_TEST_TOKEN_REGISTRY}, started by
 * {@code scripts/services.sh} with {@code auth.token.realm = http://127.0.0.1:5004/token}): a JDK HttpServer on
 * 127.0.0.1:5004 that checks Basic credentials (the test user and password) or an identity token (the OAuth2
 * refresh-token grant, POST), and issues RS256 JWTs signed by {@code HOIST_TEST_TOKEN_KEY}, with the certificate in
 * the {@code x5c} header so distribution verifies them against its {@code rootcertbundle}. Anonymous requests get
 * a token with no access. One per JVM; tests reset its knobs.
 */
public final class TokenServer {

    /** The identity token the refresh-token grant accepts. */
    public static final String IDENTITY_TOKEN = "hoist-test-identity-" + UUID.randomUUID();

    private static TokenServer instance;

    /** One token request as the server saw it. */
    public record Request(String method, String grant, List<String> scopes, boolean basic, String account) {
    }

    private final HttpServer server;
    private final PrivateKey key;
    private final String certificate;
    private final String service;
    private final String issuer;
    private final String user;
    private final String password;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile long expiresIn = 300;
    private final AtomicInteger expiredToIssue = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenServer() throws Exception {
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(env("HOIST_TEST_TOKEN_KEY"))));
        try (InputStream in = Files.newInputStream(Path.of(env("HOIST_TEST_TOKEN_CERT")))) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            this.certificate = Base64.getEncoder().encodeToString(cert.getEncoded());
        }
        this.service = env("HOIST_TEST_TOKEN_SERVICE");
        this.issuer = env("HOIST_TEST_TOKEN_ISSUER");
        this.user = TestServices.registryUser();
        this.password = TestServices.registryPassword();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 5004), 16);
        server.createContext("/token", this::handle);
        server.start();
    }

    /**
     * The running server, started on first use.
     *
     * @throws IllegalStateException when the token registry's environment is missing or port 5004 is taken
     */
    public static synchronized TokenServer get() {
        if (instance == null) {
            try {
                instance = new TokenServer();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the test token server on 127.0.0.1:5004: " + e, e);
            }
        }
        return instance;
    }

    /** Forget the requests seen and go back to 300 s tokens. */
    public void reset() {
        requests.clear();
        expiresIn = 300;
        expiredToIssue.set(0);
    }

    /** The {@code expires_in} of the next tokens; their JWT stays valid 300 s regardless. */
    public void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    /** The next {@code count} tokens are already expired for the registry, though the answer says 300 s. */
    public void issueExpired(int count) {
        expiredToIssue.set(count);
    }

    /** The token requests seen since the last reset. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            List<String[]> params = new ArrayList<>();
            parse(exchange.getRequestURI().getRawQuery(), params);
            if (method.equals("POST")) {
                parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
            }
            List<String> scopes = new ArrayList<>();
            String grant = "";
            String refresh = null;
            String account = null;
            String askedService = null;
            for (String[] p : params) {
                switch (p[0]) {
                    case "scope" -> scopes.addAll(List.of(p[1].trim().split("\\s+")));
                    case "grant_type" -> grant = p[1];
                    case "refresh_token" -> refresh = p[1];
                    case "account" -> account = p[1];
                    case "service" -> askedService = p[1];
                    default -> { }
                }
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean basic = authorization != null && authorization.startsWith("Basic ");
            requests.add(new Request(method, grant, List.copyOf(scopes), basic, account));
            boolean authenticated;
            if (method.equals("POST")) {
                authenticated = grant.equals("refresh_token") && IDENTITY_TOKEN.equals(refresh);
            } else if (basic) {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
                authenticated = pair.equals(user + ":" + password);
            } else {
                authenticated = false;
            }
            if ((basic || method.equals("POST")) && !authenticated) {
                respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
                return;
            }
            if (!service.equals(askedService)) {
                respond(exchange, 400, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"unknown service\"}]}");
                return;
            }
            long now = System.currentTimeMillis() / 1000;
            long exp = expiredToIssue.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? now - 600 : now + 300;
            ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
            header.putArray("x5c").add(certificate);
            ObjectNode claims = JSON.createObjectNode().put("iss", issuer).put("sub", authenticated ? user : "")
                    .put("aud", service).put("exp", exp).put("nbf", now - 10).put("iat", now)
                    .put("jti", UUID.randomUUID().toString());
            ArrayNode access = claims.putArray("access");
            if (authenticated) {
                for (String scope : scopes) {
                    String[] parts = scope.split(":");
                    if (parts.length == 3 && parts[0].equals("repository")) {
                        ObjectNode entry = access.addObject().put("type", "repository").put("name", parts[1]);
                        ArrayNode actions = entry.putArray("actions");
                        for (String action : parts[2].split(",")) {
                            actions.add(action);
                        }
                    }
                }
            }
            String signingInput = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String jwt = signingInput + "." + b64(signature.sign());
            ObjectNode body = JSON.createObjectNode().put(method.equals("POST") ? "access_token" : "token", jwt)
                    .put("expires_in", expiresIn);
            respond(exchange, 200, JSON.writeValueAsString(body));
        } catch (Exception e) {
            respond(exchange, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static void parse(String query, List<String[]> into) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                into.add(new String[] {URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)});
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] pem(String path) throws IOException {
        String text = Files.readString(Path.of(path));
        return Base64.getDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; eval \"$(scripts/services.sh start)\" first");
        }
        return value;
    }
}
