package dev.hoist.push;

import java.util.Locale;

/**
 * The error codes a registry puts in its {@code {"errors":[{"code":…}]}} body: those of the OCI distribution spec
 * ("Error Codes", https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes) and the few
 * more that distribution's registry sends. A code Hoist does not know is {@link #OTHER}.
 */
public enum ErrorCode {
    BLOB_UNKNOWN,
    BLOB_UPLOAD_INVALID,
    BLOB_UPLOAD_UNKNOWN,
    DIGEST_INVALID,
    MANIFEST_BLOB_UNKNOWN,
    MANIFEST_INVALID,
    MANIFEST_UNKNOWN,
    MANIFEST_UNVERIFIED,
    NAME_INVALID,
    NAME_UNKNOWN,
    SIZE_INVALID,
    TAG_INVALID,
    UNAUTHORIZED,
    DENIED,
    UNSUPPORTED,
    TOOMANYREQUESTS,
    PAGINATION_NUMBER_INVALID,
    RANGE_INVALID,
    /** A code that is not one of the above; {@code dev.hoist.distribution.RegistryErrors.Entry#code()} keeps its text. */
    OTHER;

    /**
     * Whether the code says the request can never succeed as it is (an unknown blob or manifest, an invalid name,
     * digest, size or manifest, a refusal): such an answer is not retried, whatever its status (distribution answers
     * {@code MANIFEST_BLOB_UNKNOWN} with HTTP 500). Only {@link #TOOMANYREQUESTS} and codes Hoist does not know may
     * pass on a later attempt.
     */
    public boolean permanent() {
        return this != TOOMANYREQUESTS && this != OTHER;
    }

    /** The enum value of a code as the registry writes it, in any case; {@link #OTHER} when unknown. */
    public static ErrorCode of(String code) {
        if (code == null || code.isBlank()) {
            return OTHER;
        }
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return OTHER;
        }
    }
}
