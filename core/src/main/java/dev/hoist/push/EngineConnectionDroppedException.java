package dev.hoist.push;

/** The engine closed the connection in the middle of an answer, such as a push's progress stream. */
public class EngineConnectionDroppedException extends PushException {

    /**
     * @param what what was going on, such as {@code pushing 'localhost:5000/app:1'}
     * @param endpoint the engine and the rule that chose it
     */
    public EngineConnectionDroppedException(String what, String endpoint, Throwable cause) {
        super("The Docker engine at " + endpoint + " dropped the connection while " + what + ", before it finished."
                + " The engine may have restarted or crashed; check its log, then try again.", cause);
    }
}
