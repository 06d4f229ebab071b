package dev.hoist.auth;

import dev.hoist.spi.CredentialSource;

import com.typesafe.config.Config;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the credential chain of one configured registry, in the documented order:
 * <ol>
 *   <li>{@code config}: its {@code credentials} block;</li>
 *   <li>{@code config-helper}: its {@code credentials-helper};</li>
 *   <li>the flavor's own sources, such as {@code github-token};</li>
 *   <li>{@code docker-config}: {@code DOCKER_AUTH_CONFIG}, docker's config.json (in {@code hoist.docker.config-dir},
 *       else {@code $DOCKER_CONFIG}, else {@code ~/.docker}), podman's auth.json,
 *       {@code REGISTRY_AUTH_FILE}, each looking at {@code credHelpers}, then {@code credsStore}, then {@code auths};</li>
 *   <li>otherwise anonymous.</li>
 * </ol>
 * Sources listed in the registry's {@code disabled-credential-sources} are left out.
 */
public final class RegistryCredentialSources {

    /** The id of a registry's credentials block. */
    public static final String CONFIG = "config";
    /** The id of a registry's credentials-helper. */
    public static final String CONFIG_HELPER = "config-helper";
    /** The id of the docker and podman configuration files. */
    public static final String DOCKER_CONFIG = "docker-config";

    private RegistryCredentialSources() {
    }

    /**
     * @param registryPath the registry's full config path, such as {@code hoist.registries.prod}, for messages
     * @param config the registry's settings, which hold its credential settings
     * @param flavor its flavor, for the flavor's own sources
     * @param host the registry host with its port
     * @param environment the variables and home directory to read
     * @param helperTimeout how long a credential helper may run
     */
    public static CredentialResolver forRegistry(String registryPath, Config config, ContainerRegistryFlavor flavor,
                                                 String host, Environment environment, Duration helperTimeout) {
        return forRegistry(registryPath, config, flavor, host, environment, helperTimeout,
                environment.dockerConfigDir(java.util.Optional.empty()));
    }

    /**
     * Like {@link #forRegistry(String, Config, ContainerRegistryFlavor, String, Environment, Duration)}, with
     * docker's {@code config.json} read from {@code dockerConfigDir}: the directory engine discovery uses,
     * {@link Environment#dockerConfigDir(java.util.Optional)} of {@code hoist.docker.config-dir}.
     *
     * @param dockerConfigDir the docker CLI config directory, whose {@code config.json} the docker-config source reads
     */
    public static CredentialResolver forRegistry(String registryPath, Config config, ContainerRegistryFlavor flavor,
                                                 String host, Environment environment, Duration helperTimeout,
                                                 java.nio.file.Path dockerConfigDir) {
        return forRegistry(registryPath, config, flavor, host, environment, helperTimeout, dockerConfigDir,
                CredentialHelper.TIMEOUT_SETTING);
    }

    /**
     * Like {@link #forRegistry(String, Config, ContainerRegistryFlavor, String, Environment, Duration,
     * java.nio.file.Path)}, naming the setting {@code helperTimeout} came from in the message of a helper that
     * overruns it.
     *
     * @param registryPath the registry's full config path, such as {@code hoist.registries.prod}, for messages
     * @param config the registry's settings, which hold its credential settings
     * @param flavor its flavor, for the flavor's own sources
     * @param host the registry host with its port
     * @param environment the variables and home directory to read
     * @param helperTimeout how long a credential helper may run
     * @param dockerConfigDir the docker CLI config directory, whose {@code config.json} the docker-config source reads
     * @param helperTimeoutSetting the setting {@code helperTimeout} came from, such as {@code hoist.auth.helper-timeout}
     * @return the registry's credential chain
     */
    public static CredentialResolver forRegistry(String registryPath, Config config, ContainerRegistryFlavor flavor,
                                                 String host, Environment environment, Duration helperTimeout,
                                                 java.nio.file.Path dockerConfigDir, String helperTimeoutSetting) {
        Set<String> disabled = new HashSet<>(config.hasPath("disabled-credential-sources")
                ? config.getStringList("disabled-credential-sources") : List.of());
        List<CredentialResolver.Source> sources = new ArrayList<>();
        if (config.hasPath("credentials")) {
            String path = registryPath + ".credentials";
            sources.add(new CredentialResolver.Source(CONFIG, "config " + path,
                    new ExplicitCredentials(path, host, config.getConfig("credentials"))));
        }
        if (config.hasPath("credentials-helper")) {
            String entry = registryPath + ".credentials-helper";
            CredentialHelper helper = new CredentialHelper(config.getString("credentials-helper"), entry,
                    environment.variables(), helperTimeout, helperTimeoutSetting);
            sources.add(new CredentialResolver.Source(CONFIG_HELPER, helper.binaryName() + " (" + entry + ")",
                    forHostOnly(host, helper)));
        }
        for (Map.Entry<String, CredentialSource> own : flavor.credentialSources(host, environment.variables()).entrySet()) {
            sources.add(new CredentialResolver.Source(own.getKey(), own.getValue().toString(), own.getValue()));
        }
        for (CredentialSource file : DockerConfigFile.standardChain(environment, dockerConfigDir)) {
            DockerConfigFile dockerConfig = ((DockerConfigFile) file).withHelperTimeout(helperTimeout, helperTimeoutSetting);
            sources.add(new CredentialResolver.Source(DOCKER_CONFIG, dockerConfig.description(), dockerConfig));
        }
        return new CredentialResolver(sources.stream().filter(source -> !disabled.contains(source.id())).toList());
    }

    /** A registry's own helper is asked about that registry's host only. */
    private static CredentialSource forHostOnly(String registryHost, CredentialSource source) {
        return host -> host.equalsIgnoreCase(registryHost) ? source.lookup(host) : java.util.Optional.empty();
    }
}
