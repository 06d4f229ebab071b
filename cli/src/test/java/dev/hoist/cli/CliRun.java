package dev.hoist.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in this JVM, as {@code main} would but without exiting, and keeps what it printed. */
final class CliRun {

    /**
     * What one run did.
     *
     * @param code the exit code
     * @param out what it printed on standard output
     * @param err what it printed on standard error
     */
    record Result(int code, String out, String err) {
    }

    private CliRun() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HoistCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
