package com.example.hoist.ecr;

import java.util.Objects;
import java.util.Optional;

/**
 * The AWS credentials that sign ECR API calls. The access key id identifies the key and is not
 * secret; the secret key and the session token print as {@code ****}.
 *
 * @param accessKeyId for example {@code AKIAIOSFODNN7EXAMPLE}
 * @param secretAccessKey the key that signs
 * @param sessionToken present for temporary credentials (STS, SSO)
 */
record AwsCredentials(String accessKeyId, SecretText secretAccessKey, Optional<SecretText> sessionToken) {

    AwsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }

    /** Replaces every secret value in {@code text} with {@code ****}, for text that came back from a server. */
    String redact(String text) {
        String redacted = text;
        if (!secretAccessKey.isEmpty()) {
            redacted = redacted.replace(secretAccessKey.reveal(), secretAccessKey.toString());
        }
        if (sessionToken.isPresent() && !sessionToken.get().isEmpty()) {
            redacted = redacted.replace(sessionToken.get().reveal(), sessionToken.get().toString());
        }
        return redacted;
    }
}
