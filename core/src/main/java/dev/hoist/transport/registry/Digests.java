package dev.hoist.transport.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests in the OCI form {@code sha256:<64 lower-case hex>}. */
public final class Digests {

    private Digests() {
    }

    /** A fresh SHA-256 hasher. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code sha256:<hex>} of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return format(sha256().digest(bytes));
    }

    /** {@code sha256:<hex>} of a finished hash. */
    public static String format(byte[] hash) {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    /** Whether {@code digest} is {@code sha256:} and 64 lower-case hex digits. */
    public static boolean isSha256(String digest) {
        return dev.hoist.transport.manifest.Descriptor.isSha256(digest);
    }
}
