package dev.hoist.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.push.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A registry's answer status with the errors of its body ({@code {"errors":[{"code":…,"message":…}]}}, the OCI
 * distribution spec's "Error Codes"), parsed once. A body of another shape (a proxy's HTML page) gives no entry
 * and is never quoted.
 *
 * @param status the HTTP status
 * @param entries the errors, in the registry's order
 */
public record RegistryErrors(int status, List<Entry> entries) {

    /**
     * One error of the body.
     *
     * @param kind the code as an enum value
     * @param code the code as the registry wrote it; {@code ?} when it wrote none
     * @param message the registry's message; empty when none
     */
    public record Entry(ErrorCode kind, String code, String message) {
    }

    public RegistryErrors {
        entries = List.copyOf(entries);
    }

    /** Parses {@code body}; a body that is empty or not the spec's shape gives no entry. */
    public static RegistryErrors parse(int status, byte[] body) {
        Objects.requireNonNull(body, "body");
        List<Entry> entries = new ArrayList<>();
        try {
            JsonNode errors = body.length == 0 ? null : Json.MAPPER.readTree(body);
            errors = errors == null ? null : errors.get("errors");
            if (errors != null && errors.isArray()) {
                for (JsonNode error : errors) {
                    String code = error.path("code").asText("?");
                    entries.add(new Entry(ErrorCode.of(code), code, error.path("message").asText("")));
                }
            }
        } catch (IOException notJson) {
            // Only the status, then.
        }
        return new RegistryErrors(status, entries);
    }

    /** The codes of the body, in its order. */
    public List<ErrorCode> codes() {
        return entries.stream().map(Entry::kind).toList();
    }

    /** Whether the body holds a code that says the request can never succeed ({@link ErrorCode#permanent()}). */
    public boolean permanent() {
        return entries.stream().anyMatch(entry -> entry.kind().permanent());
    }

    /** Whether the body holds the code. */
    public boolean has(ErrorCode code) {
        return entries.stream().anyMatch(entry -> entry.kind() == code);
    }

    /** {@code HTTP 404, MANIFEST_UNKNOWN: manifest unknown}: the status and every code with its message. */
    public String describe() {
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        for (Entry entry : entries) {
            text.append(", ").append(entry.code()).append(": ").append(entry.message());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
