package dev.hoist.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack as it was loaded, with what validation found.
 *
 * @param name the stack's name
 * @param origin where it was defined ({@code file:line})
 * @param components the component name of each type id, as configured
 * @param errors what is wrong with it; empty when it is valid
 */
public record StackResult(String name, String origin, Map<String, String> components, List<String> errors) {

    public StackResult {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
