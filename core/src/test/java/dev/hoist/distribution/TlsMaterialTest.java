package dev.hoist.distribution;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.RegistryConnectionException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker's {@code certs.d/<host>/} convention: CA files and a client certificate with its key, in the PEM forms docker
 * accepts (PKCS#8, PKCS#1 RSA, EC), read by docker-java's key reader; a key that is none of them is a typed error
 * naming the file, never quoting the key.
 */
class TlsMaterialTest {

    @TempDir
    Path certs;

    private Path hostDir() throws Exception {
        return Files.createDirectories(certs.resolve("registry.test:5000"));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static X509Certificate certificate(KeyPair pair, String algorithm) throws Exception {
        X500Name name = new X500Name("CN=hoist-client");
        Date now = new Date();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                now, new Date(now.getTime() + 86_400_000L), name, pair.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate())));
    }

    private void clientPair(KeyPair pair, String signature, String keyPem) throws Exception {
        Files.writeString(hostDir().resolve("client.cert"), pem("CERTIFICATE", certificate(pair, signature).getEncoded()));
        Files.writeString(hostDir().resolve("client.key"), keyPem);
    }

    private SSLContext context() {
        return TlsMaterial.verifying("registry.test:5000", Optional.empty(), Optional.of(certs));
    }

    @Test
    void aPkcs8RsaClientKeyIsRead() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        clientPair(pair, "SHA256withRSA", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        assertThat(context()).isNotNull();
    }

    @Test
    void aPkcs1RsaClientKeyIsRead() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        PrivateKey key = pair.getPrivate();
        byte[] pkcs1 = PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        clientPair(pair, "SHA256withRSA", pem("RSA PRIVATE KEY", pkcs1));
        assertThat(context()).isNotNull();
    }

    @Test
    void anEcClientKeyIsRead() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        clientPair(pair, "SHA256withECDSA", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        assertThat(context()).isNotNull();
    }

    @Test
    void aKeyOfNoKnownFormIsATypedErrorThatQuotesNoKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        clientPair(pair, "SHA256withRSA", pem("SECRET STUFF", "canary-key-bytes".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(this::context).isInstanceOf(RegistryConnectionException.class)
                .satisfies(kindAndReason(ErrorKind.CONNECTION, RegistryConnectionException.Reason.TLS_MATERIAL))
                .hasMessageStartingWith("Cannot use the client key " + hostDir().resolve("client.key")
                        + " for registry.test:5000 (")
                .hasMessageEndingWith("); it must be a PKCS#8 or PKCS#1 RSA PEM key.")
                .hasMessageNotContaining("canary").hasMessageNotContaining("Y2FuYXJ5");
    }

    @Test
    void aClientCertificateWithoutItsKeyIsATypedError() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Files.writeString(hostDir().resolve("client.cert"), pem("CERTIFICATE", certificate(pair, "SHA256withRSA")
                .getEncoded()));
        assertThatThrownBy(this::context).isInstanceOf(RegistryConnectionException.class)
                .satisfies(kindAndReason(ErrorKind.CONNECTION, RegistryConnectionException.Reason.TLS_MATERIAL))
                .hasMessageContaining("has no key client.key beside it");
    }
}
