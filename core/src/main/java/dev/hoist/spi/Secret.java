package dev.hoist.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A password or token. Its {@code toString} is {@code ****}, so it cannot leak into logs,
 * exception messages or debug output by accident; {@link #reveal()} is the one way out,
 * for the code that hands it to the registry.
 */
public final class Secret {

    private static final String MASK = "****";
    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    /**
     * Wraps a secret value.
     *
     * @param value the password or token, not {@code null}
     * @return the secret
     */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value").toCharArray());
    }

    /**
     * The secret itself. Call it only where the value leaves for the registry.
     *
     * @return the value as given to {@link #of(String)}
     */
    public String reveal() {
        return new String(value);
    }

    /** {@return whether the value is empty} */
    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && Arrays.equals(secret.value, value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
