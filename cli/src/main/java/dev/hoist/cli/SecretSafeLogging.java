package dev.hoist.cli;

import java.util.List;

/**
 * Keeps the CLI's logging from printing registry secrets, whatever logging settings the user
 * passes.
 *
 * <p>Every push sends the registry credentials to the Docker engine in the {@code X-Registry-Auth}
 * request header (base64url-encoded JSON with the password, per the Docker Engine API's
 * "Authentication" section), and {@code hoist auth} sends an {@code Authorization} header to the
 * registry. Some loggers print request headers or the command objects that hold those credentials:
 *
 * <ul>
 *   <li>{@code org.apache.hc.client5.http.headers}: Apache HttpClient 5 logs every request header
 *       at DEBUG;</li>
 *   <li>{@code org.apache.hc.client5.http.wire}: the raw bytes on the wire, headers included;</li>
 *   <li>{@code org.apache.hc.client5.http2.frame} and {@code .payload}: the same for HTTP/2;</li>
 *   <li>{@code com.github.dockerjava.core.command.AbstrDockerCmd}: docker-java logs each command
 *       with {@code toString()} at DEBUG, and a push command carries its {@code AuthConfig}.</li>
 * </ul>
 *
 * <p>{@link #pin()} sets each of these to {@code off} as a system property, which slf4j-simple reads
 * before its {@code simplelogger.properties}, and which replaces any value the user gave with
 * {@code -D}. It runs before any logger exists (HoistCli's static initializer), so a user's
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=trace}, a level for {@code org.apache.hc} or for
 * one of these names, and {@code --verbose} all leave them off. It also clears the JDK HTTP client's
 * own logging switches ({@code jdk.httpclient.HttpClient.log}, {@code jdk.internal.httpclient.debug},
 * {@code jdk.internal.httpclient.hpack.debug}), which print request headers to stderr outside
 * SLF4J; the JDK reads them when its HTTP client classes load, after this.
 */
final class SecretSafeLogging {

    /** Loggers that print request headers or credential-bearing objects: always off in the CLI. */
    static final List<String> SECRET_BEARING_LOGGERS = List.of(
            "org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.wire",
            "org.apache.hc.client5.http2.frame",
            "org.apache.hc.client5.http2.frame.payload",
            "com.github.dockerjava.core.command.AbstrDockerCmd");

    /** JDK HTTP client switches that print headers to stderr, outside SLF4J: always cleared in the CLI. */
    static final List<String> JDK_HTTP_LOG_PROPERTIES = List.of(
            "jdk.httpclient.HttpClient.log",
            "jdk.internal.httpclient.debug",
            "jdk.internal.httpclient.hpack.debug");

    /** slf4j-simple's prefix for a logger's level (its SimpleLogger.LOG_KEY_PREFIX). */
    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.log.";

    private SecretSafeLogging() {
    }

    /** Pins {@link #SECRET_BEARING_LOGGERS} off and clears {@link #JDK_HTTP_LOG_PROPERTIES}; idempotent. */
    static void pin() {
        for (String logger : SECRET_BEARING_LOGGERS) {
            System.setProperty(SIMPLE_LOGGER_LEVEL + logger, "off");
        }
        for (String property : JDK_HTTP_LOG_PROPERTIES) {
            System.clearProperty(property);
        }
    }
}
