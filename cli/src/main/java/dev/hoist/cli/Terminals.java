package dev.hoist.cli;

import java.io.IOException;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/** Whether stderr is a terminal: {@code isatty(2)} through JLine's native provider, or its exec provider. */
final class Terminals {

    private Terminals() {
    }

    /**
     * {@code true} when file descriptor 2 is a terminal and {@code TERM} is not {@code dumb}. Unlike
     * {@code System.console() != null}, this looks at stderr itself: a push piped to a file but run from a
     * terminal is still drawn, and stderr redirected to a file gets plain lines.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        for (String name : new String[] {"jni", "exec"}) {
            try {
                return TerminalProvider.load(name).isSystemStream(SystemStream.Error);
            } catch (IOException | RuntimeException | LinkageError unavailable) {
                // next provider
            }
        }
        return false;
    }
}
