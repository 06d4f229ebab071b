package dev.hoist.docker;

import com.github.dockerjava.core.util.CertificateUtils;
import com.github.dockerjava.transport.SSLConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * TLS for a docker context with {@code SkipTLSVerify: true}: the client certificate of the context's TLS
 * material is presented, but the engine's certificate is not checked, as the docker CLI does for such a
 * context. Only ever used when the user's context asks for it.
 */
final class UnverifiedSslConfig implements SSLConfig {

    private final Optional<Path> material;

    UnverifiedSslConfig(Optional<Path> material) {
        this.material = material;
    }

    @Override
    public SSLContext getSSLContext() throws KeyManagementException, NoSuchAlgorithmException {
        KeyManager[] keys = null;
        if (material.isPresent() && Files.isRegularFile(material.get().resolve("key.pem"))
                && Files.isRegularFile(material.get().resolve("cert.pem"))) {
            try {
                KeyStore store = CertificateUtils.createKeyStore(
                        Files.readString(material.get().resolve("key.pem"), StandardCharsets.US_ASCII),
                        Files.readString(material.get().resolve("cert.pem"), StandardCharsets.US_ASCII));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, "docker".toCharArray());
                keys = factory.getKeyManagers();
            } catch (IOException | GeneralSecurityException unreadable) {
                throw new KeyManagementException("Cannot read the client certificate in " + material.get()
                        + ": " + unreadable.getClass().getSimpleName(), unreadable);
            }
        }
        return dev.hoist.auth.TrustAll.context(keys);
    }
}
