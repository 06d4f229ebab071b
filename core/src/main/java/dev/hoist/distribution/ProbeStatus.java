package dev.hoist.distribution;

/** What {@link RegistryProbe} found out about a registry and a set of credentials. */
public enum ProbeStatus {

    /** The registry answered {@code /v2/} with 200: with the credentials, or without asking for any. */
    OK,

    /** The registry wants credentials and got none, or refused the ones it got. */
    UNAUTHORIZED,

    /** No usable answer: no connection, a TLS failure, a timeout, or something that does not speak the registry API. */
    UNREACHABLE
}
