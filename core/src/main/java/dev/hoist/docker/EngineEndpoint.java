package dev.hoist.docker;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Docker engine (or Podman's Docker-compatible API) is, and which rule of
 * {@link EngineDiscovery} chose it.
 *
 * @param endpoint the engine's address as docker writes it: {@code unix:///run/docker.sock},
 *        {@code tcp://10.0.0.1:2376} or {@code npipe:////./pipe/docker_engine}
 * @param source the rule that chose it: {@code config} ({@code hoist.docker.host}), {@code DOCKER_HOST},
 *        {@code context:<name>} (a docker context) or {@code socket} (a well-known socket that answered)
 * @param tls whether to speak TLS to a {@code tcp://} endpoint
 * @param tlsMaterial the directory holding {@code ca.pem}, {@code cert.pem} and {@code key.pem}, when TLS
 *        material is given; empty means the docker default ({@code ~/.docker})
 * @param skipTlsVerify whether a docker context asked not to verify the engine's certificate
 *        ({@code SkipTLSVerify} in its {@code meta.json})
 * @param hostSetting the full path of the config setting that names an engine, such as {@code hoist.docker.host}
 */
public record EngineEndpoint(String endpoint, String source, boolean tls, Optional<Path> tlsMaterial,
                             boolean skipTlsVerify, String hostSetting) {

    /** The {@link #source()} of an endpoint set by {@code hoist.docker.host}. */
    public static final String CONFIG = "config";
    /** The {@link #source()} of an endpoint set by the {@code DOCKER_HOST} variable. */
    public static final String DOCKER_HOST = "DOCKER_HOST";
    /** The {@link #source()} of an endpoint found among the well-known sockets. */
    public static final String SOCKET = "socket";
    /** The prefix of the {@link #source()} of an endpoint read from a docker context. */
    public static final String CONTEXT_PREFIX = "context:";

    public EngineEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tlsMaterial, "tlsMaterial");
        Objects.requireNonNull(hostSetting, "hostSetting");
    }

    /** A plain endpoint, without TLS. */
    public static EngineEndpoint plain(String endpoint, String source, String hostSetting) {
        return new EngineEndpoint(endpoint, source, false, Optional.empty(), false, hostSetting);
    }

    /**
     * The endpoint as it may be shown: without the password of a {@code user:password@} before the host
     * ({@link dev.hoist.config.DockerEndpoints#redact}). Messages, reports and logs show this, never {@link #endpoint()}.
     *
     * @return for example {@code tcp://user:****@10.0.0.1:2376}
     */
    public String shown() {
        return dev.hoist.config.DockerEndpoints.redact(endpoint);
    }

    /** The endpoint and its rule, for messages: {@code unix:///run/docker.sock (chosen by DOCKER_HOST)}; redacted. */
    public String describe() {
        return shown() + " (chosen by " + rule() + ")";
    }

    /** Like the record's own, with the endpoint {@linkplain #shown() redacted}. */
    @Override
    public String toString() {
        return "EngineEndpoint[endpoint=" + shown() + ", source=" + source + ", tls=" + tls + ", tlsMaterial=" + tlsMaterial
                + ", skipTlsVerify=" + skipTlsVerify + ", hostSetting=" + hostSetting + "]";
    }

    /** The rule in words: {@code hoist.docker.host}, {@code DOCKER_HOST}, {@code docker context 'ci'}, ... */
    public String rule() {
        if (source.equals(CONFIG)) {
            return hostSetting;
        }
        if (source.startsWith(CONTEXT_PREFIX)) {
            return "docker context '" + source.substring(CONTEXT_PREFIX.length()) + "'";
        }
        if (source.equals(SOCKET)) {
            return "the first well-known socket that answered";
        }
        return source;
    }
}
