package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.push.Platform;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --registry NAME}, as the read-side commands take it, and the registry it picks for a reference. */
final class ReadOptions {

    @Option(names = "--registry", paramLabel = "NAME",
            description = "A registry under hoist.registries; default: the configured registry that owns the reference,"
                    + " else an implicit one for its host (hoist.implicit-registries).")
    String registryName;

    /**
     * The named registry, or the registry for a reference that is only read: the configured one that owns it (the
     * most specific URI), else an implicit registry for its host ({@link Hoist#registryForReading}).
     */
    ContainerRegistry registryFor(Hoist hoist, String reference) {
        return registryName == null ? hoist.registryForReading(reference) : hoist.registry(registryName);
    }

    /** The named registry, or the registry a write to {@code reference} goes to ({@link Hoist#registryFor}). */
    ContainerRegistry registryForWriting(Hoist hoist, String reference) {
        return registryName == null ? hoist.registryFor(reference) : hoist.registry(registryName);
    }

    /** A reference as skopeo writes a registry's, {@code docker://REF}, taken as {@code REF}. */
    static String reference(String text) {
        return text.startsWith("docker://") ? text.substring("docker://".length()) : text;
    }

    /** {@code --platform}'s value parsed; a bad one is a usage error (exit 2). */
    static Optional<Platform> platform(String text, CommandSpec spec) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Platform.parse(text));
        } catch (IllegalArgumentException bad) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--platform: " + bad.getMessage());
        }
    }
}
