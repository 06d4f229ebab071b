package dev.hoist.push;

/**
 * The Docker engine went quiet: no connection within {@code hoist.docker.connect-timeout}, no byte in
 * either direction for {@code hoist.docker.idle-timeout}, or a push longer than {@code hoist.docker.push-timeout}.
 * The message names the setting that fired and its value as written.
 */
public class EngineTimeoutException extends PushException {

    private final String setting;

    /**
     * @param what what was going on, such as {@code pushing 'localhost:5000/app:1'}
     * @param endpoint the engine and the rule that chose it
     * @param happened what did not happen in time, with the limit as the user wrote it, such as
     *        {@code no byte moved in either direction for 60s}
     * @param setting the config key that set the limit, such as {@code hoist.docker.idle-timeout}
     */
    public EngineTimeoutException(String what, String endpoint, String happened, String setting, Throwable cause) {
        super("Gave up " + what + ": " + happened + " (" + setting + ") at " + endpoint
                + ". The engine may be hung or overloaded; check it (docker info), or raise " + setting + ".", cause);
        this.setting = setting;
    }

    /** The config key of the timeout that fired. */
    public String setting() {
        return setting;
    }
}
