package dev.hoist.auth;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS that accepts any certificate and any host name: the one place Hoist builds it. Used only
 * where the one loopback rule, an explicit {@code insecure = true}, or a docker context's
 * {@code SkipTLSVerify} says so: {@code hoist auth}'s probe, the registry-API transport, the engine.
 */
public final class TrustAll {

    private TrustAll() {
    }

    /**
     * A trust manager that checks nothing.
     *
     * @return the manager
     */
    public static TrustManager manager() {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    /**
     * A TLS context that trusts everything, presenting {@code keys} (none when {@code null}).
     *
     * @param keys the client's key managers, or {@code null}
     * @return the context
     * @throws IllegalStateException if the JVM has no TLS
     */
    public static SSLContext context(KeyManager[] keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {manager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make a TLS context", e);
        }
    }
}
