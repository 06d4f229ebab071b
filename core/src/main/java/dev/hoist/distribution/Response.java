package dev.hoist.distribution;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.core5.http.Header;

/**
 * One answer of a registry, its body read in full (bounded: answers here are small).
 *
 * @param status the HTTP status
 * @param headers every header
 * @param body the body, at most {@link RegistryHttp#MAX_BODY} bytes
 * @param uri the request's URI, against which a {@code Location} resolves
 */
record Response(int status, Header[] headers, byte[] body, URI uri) {

    Optional<String> header(String name) {
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }

    List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    /**
     * Whether another attempt may get another answer: a retried status ({@link RetryPolicy#RETRIED_STATUSES}) whose
     * body names no code that says the request can never succeed.
     */
    boolean retryable() {
        return RetryPolicy.RETRIED_STATUSES.contains(status) && !errors().permanent();
    }

    /** The status and the registry's errors, parsed from the body. */
    RegistryErrors errors() {
        return RegistryErrors.parse(status, body);
    }

    /** {@code HTTP 404, MANIFEST_UNKNOWN: …}. */
    String describe() {
        return errors().describe();
    }
}
