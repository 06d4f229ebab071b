package dev.hoist.cli;

/** The CLI's exit codes: a contract that scripts rely on. */
final class ExitCode {

    /** Everything asked for was done, and every input was valid. */
    static final int OK = 0;
    /** The work failed, or some input was invalid: a push error, an invalid URI. */
    static final int FAILED = 1;
    /** The command was used wrongly: bad arguments, an unknown flavor or registry, an invalid config. */
    static final int USAGE = 2;

    /** Cancelled: Ctrl-C (SIGINT, as shells report it: 128 + 2), or the push thread interrupted. */
    static final int CANCELLED = 130;

    private ExitCode() {
    }
}
