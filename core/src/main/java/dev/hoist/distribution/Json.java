package dev.hoist.distribution;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the registry HTTP layer (thread-safe once configured). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
