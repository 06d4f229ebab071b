package dev.hoist.push;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each case of a registry's refusal or failure: its reason, its message, the answer's status and codes. */
class RegistryExceptionTest {

    private static final String OCI = "application/vnd.oci.image.manifest.v1+json";

    @Test
    void theMessageNamesTheRegistryApiSettingsUnderTheRootGiven() {
        RegistryException rejected = RegistryException.manifestRejected("r.example", OCI, "HTTP 400, MANIFEST_INVALID: x",
                "mystack.components.registry-api", 400, List.of(ErrorCode.MANIFEST_INVALID));
        assertThat(rejected).satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.MANIFEST_REJECTED));
        assertThat(rejected.getMessage()).contains("The engine transport (mystack.components.registry-api is then not used)");
        assertThat(rejected.status()).hasValue(400);
        assertThat(rejected.codes()).containsExactly(ErrorCode.MANIFEST_INVALID);
        assertThat(RegistryException.manifestRejected("r.example", OCI, "400").getMessage())
                .isEqualTo("The registry r.example refused a manifest of media type"
                        + " application/vnd.oci.image.manifest.v1+json (400). The engine transport (hoist.registry-api is"
                        + " then not used), or an image in another format (Docker schema 2 instead of OCI, or the"
                        + " reverse), may work there.");
    }

    @Test
    void eachCaseKeepsItsMessageAndSaysItsReason() {
        assertThat(RegistryException.manifestDigestMismatch("r.example/app:1", "sha256:aa", "sha256:bb"))
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.DIGEST_MISMATCH))
                .hasMessage("The registry stored the manifest of 'r.example/app:1' as sha256:bb but the bytes Hoist sent"
                        + " hash to sha256:aa; the registry (or a proxy in between) changed the manifest. Do not trust"
                        + " this tag.");
        assertThat(RegistryException.blobDigestMismatch("r.example", "sha256:aa", "sha256:bb", 201))
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.DIGEST_MISMATCH))
                .hasMessage("The registry r.example stored blob sha256:aa as sha256:bb; the bytes changed on the way.");
        RegistryException lost = RegistryException.uploadSessionNotFound("r.example", "sha256:aa",
                "HTTP 404, BLOB_UPLOAD_UNKNOWN: gone", List.of(ErrorCode.BLOB_UPLOAD_UNKNOWN));
        assertThat(lost).satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UPLOAD_SESSION_NOT_FOUND))
                .hasMessage("The registry r.example lost the upload session of blob sha256:aa (HTTP 404: HTTP 404,"
                        + " BLOB_UPLOAD_UNKNOWN: gone). Push again; if it keeps happening, the registry's replicas may"
                        + " not share upload state.");
        assertThat(lost.status()).hasValue(404);
        assertThat(lost.codes()).containsExactly(ErrorCode.BLOB_UPLOAD_UNKNOWN);
        RegistryException unavailable = RegistryException.unavailable("PUT x failed after 4 attempts.", 4, null);
        assertThat(unavailable).satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNAVAILABLE));
        assertThat(unavailable.attempts()).isEqualTo(4);
        assertThat(unavailable.status()).isEmpty();
        RegistryException unexpected = RegistryException.unexpected("no Location", null);
        assertThat(unexpected).satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.UNEXPECTED_ANSWER));
        assertThat(unexpected.attempts()).isEqualTo(1);
        assertThat(unexpected.codes()).isEmpty();
    }
}
