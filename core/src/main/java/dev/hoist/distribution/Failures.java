package dev.hoist.distribution;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import dev.hoist.config.DurationText;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/** What an I/O failure of a registry request was: its words for a message, and whether a retry may pass. */
final class Failures {

    private Failures() {
    }

    /** Whether an I/O failure is one a new attempt may not meet: reset, refused, closed early or silent. */
    static boolean isTransient(IOException failure) {
        return failure instanceof ConnectException || failure instanceof SocketTimeoutException
                || failure instanceof StrictResponseParser.Truncated
                || failure instanceof NoHttpResponseException || failure instanceof ConnectionClosedException
                || (failure instanceof SocketException && !(failure instanceof BindException))
                || (failure instanceof SSLException && failure.getCause() instanceof SocketException);
    }

    /**
     * A few words for a message: {@code connection refused}, {@code unknown host}, {@code no connection within 5s
     * (hoist.registry-api.connect-timeout)}, {@code TLS failed: …}.
     */
    static String describe(IOException failure, HttpSettings settings) {
        if (failure instanceof ConnectTimeoutException) {
            return "no connection within " + DurationText.of(settings.connectTimeout()) + " ("
                    + settings.setting("connect-timeout") + ")";
        }
        if (failure instanceof SocketTimeoutException) {
            return "no byte received for " + DurationText.of(settings.idleTimeout()) + " (" + settings.setting("idle-timeout")
                    + ")";
        }
        if (failure instanceof StrictResponseParser.Truncated) {
            return failure.getMessage();
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof InterruptedIOException) {
            return "interrupted";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException tls) {
                return "TLS failed: " + tls.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
