package dev.hoist.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.ThrowingConsumer;

/**
 * Assertions on Hoist's error model, for {@code assertThatThrownBy(…).satisfies(…)}: an error's {@link ErrorKind}
 * (what the caller does, and the CLI's exit code) and its type's reason.
 */
public final class ErrorAssertions {

    private ErrorAssertions() {
    }

    /** The error is of {@code kind}, and its {@code reason()} is {@code reason}. */
    public static ThrowingConsumer<Throwable> kindAndReason(ErrorKind kind, Enum<?> reason) {
        return error -> {
            assertThat(ErrorKind.of(error)).as("kind of %s", error).isEqualTo(kind);
            assertThat(error.getClass().getMethod("reason").invoke(error)).as("reason of %s", error).isEqualTo(reason);
        };
    }

    /**
     * {@code EngineException.TIMEOUT}: the error's type and its reason; the type alone for a type with one reason
     * ({@code PushException}, {@code PushCancelledException}).
     */
    public static String typeAndReason(Throwable error) {
        try {
            return error.getClass().getSimpleName() + "." + error.getClass().getMethod("reason").invoke(error);
        } catch (NoSuchMethodException oneReason) {
            return error.getClass().getSimpleName();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The error is of {@code kind}: for a type with one reason. */
    public static ThrowingConsumer<Throwable> kind(ErrorKind kind) {
        return error -> assertThat(ErrorKind.of(error)).as("kind of %s", error).isEqualTo(kind);
    }
}
