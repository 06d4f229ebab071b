package dev.hoist.distribution;

import dev.hoist.auth.Challenge;
import dev.hoist.push.PushCancelledException;
import dev.hoist.push.RegistryException;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.push.RegistryConnectionException;
import dev.hoist.spi.RegistryCredentials;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks credentials against a registry the way a push would use them, for {@code hoist auth}, over the same
 * registry HTTP layer as a push ({@link RegistryHttp}: the registry's TLS settings, Docker Hub's API host, the
 * configured timeouts and retries): it asks {@code GET /v2/}, answers a {@code Basic} challenge with the username
 * and password, and a {@code Bearer} challenge by fetching a token for {@code repository:<path>:push,pull} from the
 * realm ({@link TokenExchange}), then asks again. Nothing is pushed. A token for push scope does not prove push
 * permission on every registry; the push does.
 *
 * <p>Without credentials, a registry that answers {@code 401} is reported {@link ProbeStatus#UNAUTHORIZED} at once:
 * an anonymous token would only allow pulling, and the probe exists for pushing.
 *
 * <p>No detail ever contains a password, token or identity token; usernames and credential sources do appear.
 */
public final class RegistryProbe {

    private final HttpSettings settings;
    private final Network network;

    /**
     * What the probe found.
     *
     * @param status the verdict
     * @param detail one or two sentences for a person: what happened and, if it failed, what to try next
     */
    public record Result(ProbeStatus status, String detail) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** @param settings the timeouts, certificates directory and retries of the {@code registry-api} section */
    public RegistryProbe(HttpSettings settings) {
        this(settings, Network.SYSTEM);
    }

    /**
     * @param settings as for {@link #RegistryProbe(HttpSettings)}
     * @param network how host names become addresses
     */
    public RegistryProbe(HttpSettings settings, Network network) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.network = Objects.requireNonNull(network, "network");
    }

    /**
     * Checks {@code credentials} against {@code host}.
     *
     * @param host the registry host as docker writes it ({@code ghcr.io}, {@code localhost:5001}), with its CA file
     *        and whether it is insecure; {@code docker.io} is asked at {@code registry-1.docker.io}
     * @param credentials what to present; empty to see whether the registry wants any
     * @param repositoryPath the repository a push would go to, for the token scope, for example {@code team/app};
     *        empty to ask for a token without a scope
     * @param credentialsSetting the full config path of the registry's credentials, named in advice, such as
     *        {@code hoist.registries.prod.credentials}
     * @return the verdict; a probe never throws for what the registry answers
     */
    public Result probe(RegistryHost host, Optional<RegistryCredentials> credentials, String repositoryPath,
                        String credentialsSetting) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(credentialsSetting, "credentialsSetting");
        String path = Objects.requireNonNull(repositoryPath, "repositoryPath").strip();
        try (RegistryHttp http = new RegistryHttp(settings, host, credentials, host.name(),
                new TokenCache(java.time.Clock.systemUTC()), java.time.Clock.systemUTC(), RetryPolicy.of(settings),
                network)) {
            return new Attempt(http, host.name(), credentials, path, credentialsSetting).run();
        } catch (PushCancelledException interrupted) {
            return new Result(ProbeStatus.UNREACHABLE, "Interrupted while probing " + host.name() + ".");
        }
    }

    /** One probe: the registry's answers turned into a verdict. */
    private record Attempt(RegistryHttp http, String host, Optional<RegistryCredentials> credentials,
                           String repositoryPath, String credentialsSetting) {

        Result run() {
            try {
                http.ping();
            } catch (RegistryAuthenticationException noChallenge) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + " answered 401 without a Basic or Bearer challenge"
                        + " in WWW-Authenticate, so Hoist cannot tell how to log in there.");
            } catch (RegistryException | RegistryConnectionException unreachable) {
                return unreachable(unreachable.getMessage());
            }
            Optional<Challenge> bearer = http.bearerChallenge();
            if (bearer.isEmpty() && !http.basic()) {
                return new Result(ProbeStatus.OK, host + " answers /v2/ without asking for credentials" + overWhat("")
                        + credentials.map(c -> "; the credentials from " + c.source() + " were not needed").orElse("")
                        + ".");
            }
            if (credentials.isEmpty()) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + ": the registry wants credentials and none were"
                        + " found: configure " + credentialsSetting + " or run docker login " + host + ".");
            }
            RegistryCredentials given = credentials.get();
            try {
                return bearer.isPresent() ? bearerFlow(bearer.get(), given) : basicFlow(given);
            } catch (RegistryAuthenticationException refused) {
                // An insecure token realm: Hoist would not send the credentials there.
                return new Result(ProbeStatus.UNAUTHORIZED, refused.getMessage());
            } catch (RegistryException | RegistryConnectionException unreachable) {
                return unreachable(unreachable.getMessage());
            }
        }

        private Result basicFlow(RegistryCredentials given) {
            if (given.password().isEmpty()) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + " asks for a username and password (Basic), but "
                        + given.source() + " holds an identity token; give a username and password instead.");
            }
            Response answer = ping(TokenExchange.basic(given));
            if (answer.status() == 200) {
                return new Result(ProbeStatus.OK, host + " accepted " + phrase(given) + " (Basic auth"
                        + overWhat(", ") + ").");
            }
            if (answer.status() == 401 || answer.status() == 403) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + " rejected " + phrase(given) + " (HTTP "
                        + answer.status() + "): check them, or run docker login " + host + " again.");
            }
            return unexpected("GET " + http.base() + "/v2/ with Basic auth", answer.status());
        }

        private Result bearerFlow(Challenge challenge, RegistryCredentials given) {
            if (given.identityToken().isEmpty() && given.password().isEmpty()) {
                return new Result(ProbeStatus.UNAUTHORIZED, given.source()
                        + " holds neither a password nor an identity token for " + host + ".");
            }
            List<String> scopes = repositoryPath.isEmpty() ? List.of()
                    : List.of("repository:" + repositoryPath + ":push,pull");
            TokenExchange.Answer token = http.tokens().request(challenge, scopes);
            if (token.status() == 401 || token.status() == 403) {
                return new Result(ProbeStatus.UNAUTHORIZED, "The token service " + token.realmHost() + " for " + host
                        + " rejected " + phrase(given) + " (HTTP " + token.status() + "): "
                        + (given.identityToken().isPresent() ? "the token may have expired; run docker login "
                        + host + " again." : "check them, or run docker login " + host + " again."));
            }
            if (token.status() != 200) {
                return unexpected("the token request to " + token.realmHost(), token.status());
            }
            if (token.token().isEmpty()) {
                return unexpected("the token service " + token.realmHost() + ", which answered 200 without a token,",
                        200);
            }
            Response answer = ping("Bearer " + token.token().get());
            String scope = scopes.isEmpty() ? "" : ", scope " + scopes.get(0);
            if (answer.status() == 200) {
                return new Result(ProbeStatus.OK, host + " accepted " + phrase(given) + " (Bearer token from "
                        + token.realmHost() + scope + overWhat(", ") + ").");
            }
            if (answer.status() == 401 || answer.status() == 403) {
                return new Result(ProbeStatus.UNAUTHORIZED, host + " refused the token " + token.realmHost()
                        + " issued for " + phrase(given) + " (HTTP " + answer.status() + scope + "): check that this"
                        + " account may push to " + (repositoryPath.isEmpty() ? host : host + "/" + repositoryPath)
                        + ".");
            }
            return unexpected("GET " + http.base() + "/v2/ with a Bearer token", answer.status());
        }

        /** {@code GET /v2/} with this authorization, retried on transient failures. */
        private Response ping(String authorization) {
            return http.sendWith(Request.of("GET", http.api(""), List.of()), authorization);
        }

        /** {@code " (over plain HTTP)"} (or with another lead) when the registry answered over plain HTTP. */
        private String overWhat(String lead) {
            if (!http.base().startsWith("http://")) {
                return "";
            }
            return lead.isEmpty() ? " (over plain HTTP)" : lead + "over plain HTTP";
        }

        private Result unexpected(String what, int status) {
            return unreachable(what + " answered HTTP " + status + ", which is not how a registry answers; is "
                    + host + " a registry?");
        }
    }

    private static Result unreachable(String detail) {
        return new Result(ProbeStatus.UNREACHABLE, detail);
    }

    private static String phrase(RegistryCredentials credentials) {
        if (credentials.identityToken().isPresent()) {
            return "the identity token from " + credentials.source();
        }
        return "the username \"" + credentials.username() + "\" and password from " + credentials.source();
    }
}
