package dev.hoist.auth;

import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.CredentialLookupException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link CredentialSource} over one docker-style config JSON: {@code ~/.docker/config.json},
 * the {@code DOCKER_AUTH_CONFIG} variable, podman's {@code auth.json}.
 *
 * <p>Within one config, a host is looked up in this order, and the first answer wins:
 * <ol>
 *   <li>{@code credHelpers[host]}: that credential helper;</li>
 *   <li>{@code credsStore}: the default credential helper, for any host;</li>
 *   <li>{@code auths[host]}: {@code auth} (base64 of {@code user:password}), or {@code username} and
 *       {@code password}, or {@code identitytoken}.</li>
 * </ol>
 * A helper that answers "credentials not found" passes the lookup on to the next step; any other helper
 * failure is a {@link CredentialLookupException}, with one exception: the global {@code credsStore} helper,
 * when it is not installed, is skipped, as docker itself does, since a leftover such as Docker Desktop's
 * {@code "credsStore": "desktop.exe"} must not block pushes to registries that need no credentials. It is
 * logged once per process (warning) and reported to {@link #lookup(String, Consumer)}'s notes, so that a
 * registry's refusal can say the helper was missing. A helper named for the host in {@code credHelpers}
 * is asked for explicitly and stays an error when missing.
 *
 * <p>Keys match a host with or without {@code https://}/{@code http://} and with or without a path, case
 * insensitively, and exactly on the port: {@code https://myreg.example.com/v1/} matches {@code myreg.example.com},
 * {@code localhost:5001} matches neither {@code localhost} nor {@code localhost:50011}. Docker Hub
 * ({@code docker.io}, {@code index.docker.io}, {@code registry-1.docker.io}, {@code registry.hub.docker.com})
 * matches any of those and {@code https://index.docker.io/v1/}. When several keys match, a key equal to the
 * host wins, else the first in the file.
 *
 * <p>The config is read at each lookup, not when the source is made: a file that {@code docker login} writes
 * later is seen, and a broken file only fails the lookups that reach it. Messages about a broken config name
 * it and the place in it, never its content.
 */
public final class DockerConfigFile implements CredentialSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;
    private final String location;
    private final ConfigReader reader;
    private final Map<String, String> environment;
    private final Duration helperTimeout;
    private final String helperTimeoutSetting;

    private DockerConfigFile(String label, String location, ConfigReader reader, Map<String, String> environment,
                             Duration helperTimeout, String helperTimeoutSetting) {
        this.helperTimeoutSetting = helperTimeoutSetting;
        this.label = label;
        this.location = location;
        this.reader = reader;
        this.environment = Map.copyOf(environment);
        this.helperTimeout = helperTimeout;
    }

    /**
     * A config given as JSON text, for example the value of {@code DOCKER_AUTH_CONFIG}. Credential helpers it
     * names run with this process's environment.
     *
     * @param sourceName what to call it in messages and {@link RegistryCredentials#source()}, for example
     *        {@code DOCKER_AUTH_CONFIG}
     */
    public static DockerConfigFile fromJson(String json, String sourceName) {
        return fromJson(json, sourceName, System.getenv());
    }

    /** Like {@link #fromJson(String, String)}, with the environment credential helpers run with (and are found on). */
    public static DockerConfigFile fromJson(String json, String sourceName, Map<String, String> environment) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(sourceName, "sourceName");
        return new DockerConfigFile(sourceName, sourceName, () -> Optional.of(parse(json, sourceName)),
                environment, CredentialHelper.DEFAULT_TIMEOUT, CredentialHelper.TIMEOUT_SETTING);
    }

    /**
     * A config file. A missing file holds no credentials; an unreadable file or bad JSON fails the lookup.
     * Credential helpers it names run with this process's environment.
     */
    public static DockerConfigFile fromFile(Path file) {
        return fromFile(file, System.getenv());
    }

    /** Like {@link #fromFile(Path)}, with the environment credential helpers run with (and are found on). */
    public static DockerConfigFile fromFile(Path file, Map<String, String> environment) {
        return fromFile("docker config", file, environment);
    }

    private static DockerConfigFile fromFile(String kind, Path file, Map<String, String> environment) {
        Objects.requireNonNull(file, "file");
        String where = file.toString();
        return new DockerConfigFile(kind + " " + where, where, () -> read(file, kind + " " + where),
                environment, CredentialHelper.DEFAULT_TIMEOUT, CredentialHelper.TIMEOUT_SETTING);
    }

    /**
     * The places docker-compatible tools keep credentials, in the order Hoist asks them:
     * <ol>
     *   <li>the {@code DOCKER_AUTH_CONFIG} variable (JSON), if set;</li>
     *   <li>{@code $DOCKER_CONFIG/config.json} if {@code DOCKER_CONFIG} is set, else {@code <home>/.docker/config.json}
     *       (Hoist itself passes the directory of {@code hoist.docker.config-dir} first, see
     *       {@link #standardChain(Environment, Path)});</li>
     *   <li>podman's {@code $XDG_RUNTIME_DIR/containers/auth.json}, if {@code XDG_RUNTIME_DIR} is set;</li>
     *   <li>the file {@code REGISTRY_AUTH_FILE} names, if set.</li>
     * </ol>
     * Files that do not exist are listed anyway and simply find nothing. Credential helpers run with {@code env}.
     *
     * @param env the environment to read the variables from, usually {@link System#getenv()}
     * @param home the user's home directory
     */
    public static List<CredentialSource> standardChain(Map<String, String> env, Path home) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(home, "home");
        return chainIn(env, new Environment(env, home).dockerConfigDir(Optional.empty()));
    }

    /**
     * Like {@link #standardChain(Map, Path)}, with docker's {@code config.json} read from {@code dockerConfigDir}
     * rather than from {@code $DOCKER_CONFIG} or {@code <home>/.docker}: the directory engine discovery uses,
     * {@link Environment#dockerConfigDir(Optional)} of {@code hoist.docker.config-dir}.
     *
     * @param environment the variables to read (credential helpers run with them)
     * @param dockerConfigDir the docker CLI config directory, whose {@code config.json} is the second source
     * @return the sources, in the order they are asked
     */
    public static List<CredentialSource> standardChain(Environment environment, Path dockerConfigDir) {
        Objects.requireNonNull(environment, "environment");
        return chainIn(environment.variables(), Objects.requireNonNull(dockerConfigDir, "dockerConfigDir"));
    }

    private static List<CredentialSource> chainIn(Map<String, String> env, Path dockerConfigDir) {
        List<CredentialSource> chain = new ArrayList<>();
        set(env, "DOCKER_AUTH_CONFIG").ifPresent(json -> chain.add(fromJson(json, "DOCKER_AUTH_CONFIG", env)));
        chain.add(fromFile("docker config", dockerConfigDir.resolve("config.json"), env));
        set(env, "XDG_RUNTIME_DIR").ifPresent(runtime ->
                chain.add(fromFile("podman auth file", Path.of(runtime, "containers", "auth.json"), env)));
        set(env, "REGISTRY_AUTH_FILE").ifPresent(file -> chain.add(fromFile("REGISTRY_AUTH_FILE", Path.of(file), env)));
        return List.copyOf(chain);
    }

    /** This source with another limit on how long each credential helper may run (10 s unless changed). */
    public DockerConfigFile withHelperTimeout(Duration timeout) {
        return withHelperTimeout(timeout, helperTimeoutSetting);
    }

    /**
     * This source with another limit on how long each credential helper may run, and the setting that gave it.
     *
     * @param timeout how long a helper may run, positive
     * @param setting the setting {@code timeout} came from, which the message of a helper that overruns it names,
     *        such as {@code hoist.auth.helper-timeout}
     * @return the source
     */
    public DockerConfigFile withHelperTimeout(Duration timeout, String setting) {
        return new DockerConfigFile(label, location, reader, environment, Objects.requireNonNull(timeout, "timeout"),
                Objects.requireNonNull(setting, "setting"));
    }

    /** What this config is, for messages: {@code docker config /root/.docker/config.json}, {@code DOCKER_AUTH_CONFIG}. */
    public String description() {
        return label;
    }

    @Override
    public Optional<RegistryCredentials> lookup(String host) {
        return lookup(host, skipped -> { });
    }

    @Override
    public Optional<RegistryCredentials> lookup(String host, Consumer<String> notes) {
        Objects.requireNonNull(host, "host");
        Optional<JsonNode> config = reader.read();
        if (config.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = config.get();
        String wanted = RegistryHosts.canonical(host);

        Optional<Map.Entry<String, JsonNode>> helperEntry = matchingEntry(section(root, "credHelpers"), wanted, host);
        if (helperEntry.isPresent()) {
            String entry = "credHelpers[\"" + helperEntry.get().getKey() + "\"]";
            Optional<RegistryCredentials> found = askHelper(helperName(helperEntry.get().getValue(), entry), entry, host);
            if (found.isPresent()) {
                return found;
            }
        }

        JsonNode store = root.get("credsStore");
        if (store != null && !store.isNull() && !(store.isTextual() && store.asText().isBlank())) {
            CredentialHelper helper = helper(helperName(store, "credsStore"), "credsStore");
            if (helper.isInstalled()) {
                Optional<RegistryCredentials> found = ask(helper, "credsStore", host);
                if (found.isPresent()) {
                    return found;
                }
            } else {
                notes.accept(MissingCredsStore.skip(label, helper.binaryName()));
            }
        }

        Optional<Map.Entry<String, JsonNode>> authEntry = matchingEntry(section(root, "auths"), wanted, host);
        return authEntry.flatMap(entry -> decodeAuth(entry.getKey(), entry.getValue()));
    }

    private Optional<RegistryCredentials> askHelper(String suffix, String entry, String host) {
        return ask(helper(suffix, entry), entry, host);
    }

    private CredentialHelper helper(String suffix, String entry) {
        return new CredentialHelper(suffix, entry + " in " + location, environment, helperTimeout, helperTimeoutSetting);
    }

    private Optional<RegistryCredentials> ask(CredentialHelper helper, String entry, String host) {
        String source = label + " " + entry + " → " + helper.binaryName();
        return helper.lookup(host).map(found -> new RegistryCredentials(found.username(), found.password(),
                found.identityToken(), source));
    }

    private String helperName(JsonNode value, String entry) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new CredentialLookupException(entry + " in " + location
                    + " must be the name of a credential helper, the part after " + CredentialHelper.BINARY_PREFIX
                    + ", for example \"desktop\".", null);
        }
        return value.asText().strip();
    }

    private Optional<RegistryCredentials> decodeAuth(String key, JsonNode entry) {
        String entryName = "auths[\"" + key + "\"]";
        String source = label + " " + entryName;
        if (!entry.isObject()) {
            throw new CredentialLookupException(entryName + " in " + location + " is not a JSON object.", null);
        }
        String identityToken = text(entry, "identitytoken", entryName);
        if (!identityToken.isEmpty()) {
            return Optional.of(RegistryCredentials.identityToken(Secret.of(identityToken), source));
        }
        String auth = text(entry, "auth", entryName);
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.replaceAll("\\s", "")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                decoded = null;
            }
            int colon = decoded == null ? -1 : decoded.indexOf(':');
            if (colon < 0) {
                throw new CredentialLookupException(entryName + ".auth in " + location
                        + " is not the base64 of user:password that docker login writes; log in again or fix the entry.",
                        null);
            }
            return Optional.of(RegistryCredentials.basic(decoded.substring(0, colon),
                    Secret.of(decoded.substring(colon + 1)), source));
        }
        String username = text(entry, "username", entryName);
        String password = text(entry, "password", entryName);
        if (!password.isEmpty()) {
            return Optional.of(RegistryCredentials.basic(username, Secret.of(password), source));
        }
        // An empty entry, as docker leaves next to a credsStore: nothing here.
        return Optional.empty();
    }

    private String text(JsonNode entry, String field, String entryName) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new CredentialLookupException(entryName + "." + field + " in " + location + " is not a string.", null);
        }
        return value.asText();
    }

    private JsonNode section(JsonNode root, String name) {
        JsonNode section = root.get(name);
        if (section == null || section.isNull()) {
            return null;
        }
        if (!section.isObject()) {
            throw new CredentialLookupException(name + " in " + location + " is not a JSON object.", null);
        }
        return section;
    }

    private static Optional<Map.Entry<String, JsonNode>> matchingEntry(JsonNode section, String wanted, String host) {
        if (section == null) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> first = null;
        for (Map.Entry<String, JsonNode> field : section.properties()) {
            if (!RegistryHosts.canonical(field.getKey()).equals(wanted)) {
                continue;
            }
            if (field.getKey().equalsIgnoreCase(host.trim())) {
                return Optional.of(field);
            }
            if (first == null) {
                first = field;
            }
        }
        return Optional.ofNullable(first);
    }

    private static Optional<JsonNode> read(Path file, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException e) {
            // File-system messages name the path, never the content.
            throw new CredentialLookupException("Cannot read " + name + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        return Optional.of(parse(new String(bytes, StandardCharsets.UTF_8), name));
    }

    private static JsonNode parse(String json, String name) {
        if (json.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the text around the error, which may be a password: give only the place.
            JsonLocation at = e.getLocation();
            String place = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new CredentialLookupException(name + " is not valid JSON" + place + "; fix it or remove it.", null);
        }
        if (root == null || !root.isObject()) {
            throw new CredentialLookupException(name + " is not a JSON object; fix it or remove it.", null);
        }
        return root;
    }

    private static Optional<String> set(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return "DockerConfigFile[" + label + "]";
    }

    /** Supplies the parsed config, or empty when there is none (a missing file). */
    @FunctionalInterface
    private interface ConfigReader {
        Optional<JsonNode> read();
    }
}
