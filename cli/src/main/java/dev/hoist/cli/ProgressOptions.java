package dev.hoist.cli;

import dev.hoist.push.PushListener;
import dev.hoist.spi.HoistException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --progress} and {@code --digest-file}, shared by {@code hoist push} and {@code hoist demo}. */
final class ProgressOptions {

    /** How a push shows its progress on stderr. */
    enum Mode {
        /** {@code tty} when stderr is a terminal (isatty of fd 2), else {@code plain}. */
        AUTO,
        /** Live per-layer bars redrawn in place, and a summary line. */
        TTY,
        /** A line per layer state change, and one every 10 % or 5 s per uploading layer; no escape codes. */
        PLAIN,
        /** Nothing but errors. */
        QUIET;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", converter = ModeConverter.class,
            description = "How progress shows on stderr: auto (tty when stderr is a terminal, else plain), tty (live"
                    + " per-layer bars), plain (a line per change, for CI logs), quiet (errors only)."
                    + " Default: ${DEFAULT-VALUE}.")
    Mode mode = Mode.AUTO;

    @Option(names = "--digest-file", paramLabel = "PATH",
            description = "Also write the pushed manifest's digest (sha256:<hex>, no newline) to this file.")
    Path digestFile;

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            try {
                return Mode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a progress mode; use auto, tty, plain or quiet");
            }
        }
    }

    /** The mode in effect: {@code auto} resolved by whether stderr is a terminal. */
    Mode resolved() {
        if (mode != Mode.AUTO) {
            return mode;
        }
        return Terminals.stderrIsTerminal() ? Mode.TTY : Mode.PLAIN;
    }

    /**
     * Sets the CLI's log level for the mode, before the first logger exists: bars and log lines would mix, so
     * {@code tty} keeps warnings and errors only, {@code quiet} errors only; {@code plain} keeps Hoist's info lines
     * but drops the engine stream's per-layer lines, which its own lines replace. A level the user set with
     * {@code -D} stays.
     */
    static void configureLogging(Mode mode) {
        String level = switch (mode) {
            case TTY -> "warn";
            case QUIET -> "error";
            default -> null;
        };
        if (level != null && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        }
        if (System.getProperty("org.slf4j.simpleLogger.log.dev.hoist.docker.PushStream") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.dev.hoist.docker.PushStream", "warn");
        }
    }

    /**
     * The listener for {@code mode} writing to {@code err}; close it after the push.
     *
     * @param mode a resolved mode (not {@code auto})
     */
    static Renderer renderer(Mode mode, PrintWriter err) {
        return renderer(mode, err, "");
    }

    /**
     * The renderer for {@code mode}, whose start line names where the push goes.
     *
     * @param target the registry, as {@code ContainerRegistry.describe()} says it; empty for none
     */
    static Renderer renderer(Mode mode, PrintWriter err, String target) {
        return switch (mode) {
            case TTY -> TtyProgress.open(err);
            case PLAIN, AUTO -> new PlainProgress(err, target);
            case QUIET -> new Renderer() {
                @Override
                public void onEvent(dev.hoist.push.PushEvent event) {
                }
            };
        };
    }

    /** A push listener that draws on stderr; {@link #close()} releases the terminal. */
    interface Renderer extends PushListener, AutoCloseable {
        @Override
        default void close() {
        }
    }

    /**
     * Refuses, before anything is pushed, a {@code --digest-file} that can never be written: an empty path or an
     * existing directory. A file in a missing directory is found when written, after the push.
     *
     * @throws picocli.CommandLine.ParameterException for such a path (a usage error, exit 2)
     */
    void checkDigestFile(picocli.CommandLine commandLine) {
        if (digestFile == null) {
            return;
        }
        if (digestFile.toString().isBlank()) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--digest-file: the path is empty");
        }
        if (Files.isDirectory(digestFile)) {
            throw new picocli.CommandLine.ParameterException(commandLine, "--digest-file: " + digestFile
                    + " is a directory; name a file in it");
        }
    }

    /**
     * Writes {@code digest} to {@code --digest-file}, when given.
     *
     * @throws DigestFileException when the file cannot be written
     */
    void writeDigest(String digest) {
        if (digestFile == null) {
            return;
        }
        try {
            Files.writeString(digestFile, digest, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException failed) {
            throw new DigestFileException(digestFile, failed);
        }
    }

    /** {@code --digest-file} could not be written; the digest is on stdout already. */
    static final class DigestFileException extends HoistException {
        DigestFileException(Path file, Exception cause) {
            super("Cannot write the digest to --digest-file " + file + ": " + reason(file, cause)
                    + "; the push (or copy) itself succeeded, and its digest is on stdout", cause);
        }

        /** Why, in words: the JDK's file exceptions often carry only the path as their message. */
        static String reason(Path file, Exception cause) {
            if (cause instanceof NoSuchFileException) {
                Path parent = file.toAbsolutePath().getParent();
                return "the directory " + parent + " does not exist";
            }
            if (cause instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (cause instanceof FileSystemException system && system.getReason() != null) {
                return system.getReason();
            }
            return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
    }
}
