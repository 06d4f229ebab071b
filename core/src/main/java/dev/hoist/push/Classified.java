package dev.hoist.push;

/**
 * An error that says what kind it is, and so what the caller does about it and which exit code the CLI gives:
 * every push exception, and core's configuration errors ({@link ErrorKind#CONFIGURATION}).
 */
public interface Classified {

    /** What kind of error this is. */
    ErrorKind kind();
}
