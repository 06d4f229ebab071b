package dev.hoist.cli;

import dev.hoist.push.PushEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;

/**
 * {@code --progress=tty}: one line per layer on stderr, with state, a bar, bytes and rate, redrawn in place
 * (cursor up over the block, then each line rewritten and cleared to its end, by the terminal's own terminfo
 * capabilities through JLine), and a summary line at the end. Lines are cut to the terminal's width so that
 * none wraps and the redraw stays in place.
 *
 * <pre>
 * 3f1a2b3c4d5e uploading [=========>          ]  98.1 MB / 200.0 MB  24.5 MB/s
 * 9c8d7e6f5a4b exists
 * Pushed localhost:5000/app:1 sha256:...: 2 layers (1 uploaded, 1 exist, 0 mounted), 61.2 MB sent in 8.1 s
 * </pre>
 */
final class TtyProgress implements ProgressOptions.Renderer {

    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BAR = 24;

    private final Terminal terminal;
    private final PrintWriter out;
    private final LayerBoard board = new LayerBoard();
    private int drawn;
    private long lastDraw;

    private TtyProgress(Terminal terminal) {
        this.terminal = terminal;
        this.out = terminal.writer();
    }

    /** A renderer on the system terminal of stderr; plain lines on {@code err} when none can be had. */
    static ProgressOptions.Renderer open(PrintWriter err) {
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
                    .dumb(true).nativeSignals(false).build();
            if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())
                    || terminal.getStringCapability(Capability.cursor_up) == null) {
                terminal.close();
                return new PlainProgress(err);
            }
            return new TtyProgress(terminal);
        } catch (IOException | RuntimeException unavailable) {
            return new PlainProgress(err);
        }
    }

    @Override
    public void onEvent(PushEvent event) {
        LayerBoard.Row changed = board.apply(event);
        long now = System.nanoTime();
        if (event instanceof PushEvent.PushDone done) {
            draw(now);
            out.println(LayerBoard.summary(done.result(), board.rows, LayerBoard.COPY.equals(board.transport)));
            out.flush();
        } else if (event instanceof PushEvent.PushFailed) {
            draw(now);
        } else if (changed != null || event instanceof PushEvent.PushStarted || now - lastDraw >= REDRAW_NANOS) {
            draw(now);
        }
    }

    private void draw(long now) {
        lastDraw = now;
        int width = terminal.getWidth() > 0 ? terminal.getWidth() : 80;
        List<String> lines = new ArrayList<>();
        board.rows.values().forEach(row -> lines.add(line(row, now)));
        if (drawn > 0) {
            terminal.puts(Capability.carriage_return);
            for (int i = 0; i < drawn; i++) {
                terminal.puts(Capability.cursor_up);
            }
        }
        for (String line : lines) {
            terminal.puts(Capability.carriage_return);
            out.print(line.length() >= width ? line.substring(0, width - 1) : line);
            terminal.puts(Capability.clr_eol);
            out.print('\n');
        }
        drawn = lines.size();
        out.flush();
    }

    private static String line(LayerBoard.Row row, long now) {
        StringBuilder line = new StringBuilder(LayerBoard.shortId(row.id)).append(' ')
                .append(String.format(Locale.ROOT, "%-9s", row.state));
        if (row.state.equals("uploading") || (row.state.equals("done") && row.startNanos > 0)) {
            if (row.total > 0) {
                int filled = (int) Math.min(BAR, BAR * row.done / row.total);
                line.append(" [").append("=".repeat(filled)).append(filled < BAR ? ">" : "")
                        .append(" ".repeat(Math.max(0, BAR - filled - 1))).append(']');
            }
            line.append(' ').append(LayerBoard.bytes(row.done));
            if (row.total > 0) {
                line.append(" / ").append(LayerBoard.bytes(row.total));
            }
            double rate = row.rate(now);
            if (rate > 0) {
                line.append("  ").append(LayerBoard.bytes((long) rate)).append("/s");
            }
        } else if (!row.detail.isEmpty()) {
            line.append(' ').append(row.detail);
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException ignored) {
            // the terminal is stderr: nothing to release that matters
        }
    }
}
