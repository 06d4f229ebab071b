package dev.hoist.config;

import com.typesafe.config.Config;
import java.util.List;

/**
 * Reads one section under Hoist's root at load, with the rules of the code that uses it later (such as the
 * registry-API transport's {@code registry-api}), so that a wrong value is refused with the rest of the config, not
 * at first use, and what it read is kept ({@link HoistSettings#section}) rather than read again. Given to
 * {@link HoistConfig#load(ResolvedConfig, java.util.Collection, java.util.Map)} by the layer that knows both, so
 * that the config package depends on no transport.
 *
 * @param <T> what the section reads as, such as the transport's settings
 */
@FunctionalInterface
public interface SectionReader<T> {

    /**
     * Reads {@code section}, adding one problem per value that is missing, of the wrong type or out of range.
     *
     * @param section the section's object, with the {@code reference.conf} defaults as fallback
     * @param path the section's full config path, such as {@code hoist.registry-api}, for messages
     * @param problems where each problem is added, with its key, origin and what is expected
     * @return what was read, or {@code null} when a problem was added
     */
    T read(Config section, String path, List<ConfigProblem> problems);
}
