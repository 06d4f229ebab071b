package com.example.hoist.ecr;

import java.util.Objects;

/**
 * A secret, such as an AWS secret access key. Its {@code toString} is {@code ****}, so it cannot
 * reach a log, an exception message or a debugger's view by accident; {@link #reveal()} is the
 * one way out, for the code that signs with it.
 */
final class SecretText {

    private static final String MASK = "****";

    private final String value;

    private SecretText(String value) {
        this.value = value;
    }

    static SecretText of(String value) {
        return new SecretText(Objects.requireNonNull(value, "value"));
    }

    /** The secret itself. Call it only where the value is used, never to print it. */
    String reveal() {
        return value;
    }

    boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
