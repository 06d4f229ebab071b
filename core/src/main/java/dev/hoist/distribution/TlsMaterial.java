package dev.hoist.distribution;

import com.github.dockerjava.core.util.CertificateUtils;
import dev.hoist.push.RegistryConnectionException;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS contexts for one registry: a verifying one that trusts the JVM's trust store plus the registry's CA
 * file plus docker's {@code certs.d/<host[:port]>/*.crt}, and presents {@code client.cert}/{@code client.key}
 * (any {@code *.cert} with its {@code *.key}) from there; and, only for registries where it is allowed, one that
 * verifies nothing.
 *
 * <p>Client keys must be PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA PEM
 * ({@code BEGIN RSA PRIVATE KEY}); other forms are a typed error naming the file.
 */
final class TlsMaterial {

    private TlsMaterial() {
    }

    /**
     * @param host the registry's {@code host[:port]}, the name of its {@code certs.d} subdirectory
     * @throws RegistryConnectionException with reason {@link RegistryConnectionException.Reason#TLS_MATERIAL} when a
     *         file there cannot be read or parsed, naming the file
     */
    static SSLContext verifying(String host, Optional<Path> caFile, Optional<Path> certsDirectory) {
        List<X509Certificate> extraCas = new ArrayList<>();
        caFile.ifPresent(file -> extraCas.addAll(certificates(host, file)));
        KeyManager[] keyManagers = null;
        Optional<Path> dir = certsDirectory.map(d -> d.resolve(host.replace("[", "").replace("]", "")))
                .filter(Files::isDirectory);
        if (dir.isEmpty()) {
            dir = certsDirectory.map(d -> d.resolve(host)).filter(Files::isDirectory);
        }
        if (dir.isPresent()) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.get())) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".crt")) {
                        extraCas.addAll(certificates(host, file));
                    } else if (name.endsWith(".cert")) {
                        Path key = file.resolveSibling(name.substring(0, name.length() - 5) + ".key");
                        if (!Files.isRegularFile(key)) {
                            throw RegistryConnectionException.tlsMaterial("The client certificate " + file + " for " + host
                                    + " has no key " + key.getFileName() + " beside it (docker's certs.d convention).",
                                    null);
                        }
                        keyManagers = keyManagers(host, file, key);
                    }
                }
            } catch (IOException e) {
                throw RegistryConnectionException.tlsMaterial("Cannot read the certificate directory " + dir.get() + " for "
                        + host + ": " + e.getMessage(), e);
            }
        }
        try {
            TrustManager[] trust = null;
            if (!extraCas.isEmpty()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate system : systemTrust().getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + i++, system);
                }
                for (X509Certificate extra : extraCas) {
                    store.setCertificateEntry("extra-" + i++, extra);
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trust = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw RegistryConnectionException.tlsMaterial("Cannot set up TLS for " + host + ": " + e.getMessage(), e);
        }
    }

    /** A context that accepts any certificate and any host name; only for loopback or explicitly insecure registries. */
    static SSLContext trustingEverything() {
        return dev.hoist.auth.TrustAll.context(null);
    }

    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager in the JVM");
    }

    private static List<X509Certificate> certificates(String host, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate certificate : all) {
                result.add((X509Certificate) certificate);
            }
            if (result.isEmpty()) {
                throw RegistryConnectionException.tlsMaterial("The CA file " + file + " for " + host
                        + " holds no PEM certificate.", null);
            }
            return result;
        } catch (IOException | GeneralSecurityException e) {
            throw RegistryConnectionException.tlsMaterial("Cannot read the CA file " + file + " for " + host + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(String host, Path certFile, Path keyFile) {
        List<X509Certificate> chain = certificates(host, certFile);
        try {
            PrivateKey key = privateKey(keyFile);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("client", key, none, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, none);
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // The message never quotes the key's content.
            throw RegistryConnectionException.tlsMaterial("Cannot use the client key " + keyFile + " for " + host + " ("
                    + e.getClass().getSimpleName() + "); it must be a PKCS#8 or PKCS#1 RSA PEM key.", null);
        }
    }

    /** A PKCS#8 or PKCS#1 PEM private key, read by docker-java's reader (the one the engine's TLS uses too). */
    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        PrivateKey key = CertificateUtils.loadPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        if (key == null) {
            throw new GeneralSecurityException("unsupported key format");
        }
        return key;
    }
}
