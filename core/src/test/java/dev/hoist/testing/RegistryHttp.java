package dev.hoist.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads back from a registry over its HTTP API what a push left there, independently of Docker. */
public final class RegistryHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final HttpClient LOOPBACK_TLS = trustingClient();
    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private RegistryHttp() {
    }

    static HttpClient client() {
        return CLIENT;
    }

    /**
     * The {@code Docker-Content-Digest} of {@code GET /v2/<repository>/manifests/<tag>}.
     *
     * @throws AssertionError if the registry does not answer 200 with the header
     */
    public static String manifestDigest(String registry, String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", MANIFEST_TYPES).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET manifest " + repository + ":" + tag + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.headers().firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new AssertionError("No Docker-Content-Digest header for " + repository + ":" + tag));
    }

    /**
     * As {@link #manifestDigest(String, String, String)}, for a registry that wants basic auth,
     * over HTTPS without certificate checks when {@code tls} (the test registries use a self-signed one).
     */
    public static String manifestDigest(String registry, String repository, String tag, String user, String password,
                                        boolean tls) throws IOException, InterruptedException {
        HttpClient client = tls ? loopbackTlsClient() : CLIENT;
        String auth = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create((tls ? "https://" : "http://") + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", MANIFEST_TYPES).header("Authorization", "Basic " + auth).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET manifest " + repository + ":" + tag + " answered " + response.statusCode());
        }
        return response.headers().firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new AssertionError("No Docker-Content-Digest header for " + repository + ":" + tag));
    }

    /** A client that accepts any certificate, as the test registries' is self-signed; for the test services only. */
    static HttpClient loopbackTlsClient() {
        return LOOPBACK_TLS;
    }

    private static HttpClient trustingClient() {
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
                }

                @Override
                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
                }

                @Override
                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(3)).build();
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The body of {@code GET /v2/_catalog}. */
    public static String catalog(String registry) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/_catalog?n=1000")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
