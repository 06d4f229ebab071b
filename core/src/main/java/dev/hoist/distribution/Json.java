package dev.hoist.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** The one Jackson mapper of the registry HTTP layer (thread-safe once configured). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The top-level {@code mediaType} of a JSON document, when it is one and has a text field of that name. */
    static Optional<String> mediaTypeField(byte[] document) {
        try {
            JsonNode node = MAPPER.readTree(document);
            return node != null && node.path("mediaType").isTextual() ? Optional.of(node.get("mediaType").asText())
                    : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
