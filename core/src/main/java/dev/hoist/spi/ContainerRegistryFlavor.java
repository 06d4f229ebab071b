package dev.hoist.spi;

import dev.hoist.auth.CredentialSource;
import dev.hoist.config.RegistrySettingChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A flavor of container registry: the rules of one provider's registry URIs and the
 * construction of its {@link ContainerRegistry}.
 *
 * <p>It is the container registry instance of the generic {@link ComponentFlavor}: the defaults
 * below bridge the generic {@link #check} and {@link #create(ComponentSettings, ComponentContext)}
 * to {@link #normalizeUri} and {@link #create(RegistrySettings, RegistryContext)}, so a flavor
 * implements only those.
 *
 * <p>Register an implementation with {@code @AutoService(ContainerRegistryFlavor.class)}
 * and ship a {@code reference.conf} with a commented {@code hoist.flavors.<name>} section.
 */
@ExtensionPoint
public interface ContainerRegistryFlavor extends ComponentFlavor<ContainerRegistry> {

    @Override
    default StackComponentType type() {
        return StackComponentType.CONTAINER_REGISTRY;
    }

    /**
     * Checks a registry URI against this flavor's rules and returns its normal form.
     *
     * @param uri the URI as the user wrote it, for example {@code localhost:5000/}
     * @return the normal form, for example {@code localhost:5000}
     * @throws InvalidRegistryUriException saying what is wrong and, where it can tell,
     *     what the user probably meant
     */
    String normalizeUri(String uri);

    /**
     * Builds a registry. Hoist calls this only with settings whose URI
     * {@link #normalizeUri} accepted, already in normal form.
     *
     * @param settings the registry's name, normalised URI and config subtree
     * @param context services the host provides, such as the image pusher
     */
    ContainerRegistry create(RegistrySettings settings, RegistryContext context);

    /**
     * Credential sources native to this flavor's provider, such as a CI token in an environment
     * variable. Hoist asks them after the registry's explicit credentials and before docker
     * configuration. Each must answer only for its provider's own host, so that a token never
     * goes elsewhere. A registry switches a source off by listing its id in
     * {@code disabled-credential-sources}.
     *
     * @param settings the registry the credentials are for
     * @param environment the process environment to read variables from
     * @return the sources by id, in the order to ask them; none by default
     */
    default Map<String, CredentialSource> credentialSources(RegistrySettings settings, Map<String, String> environment) {
        return Map.of();
    }

    /**
     * The registry's {@code uri}, checked and normalised by {@link #normalizeUri}, and the
     * credential settings every registry may carry.
     */
    @Override
    default List<SettingProblem> check(ComponentSettings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        RegistrySettingChecks.uri(this, settings).ifPresent(problems::add);
        problems.addAll(RegistrySettingChecks.credentials(settings.config()));
        return problems;
    }

    /** Builds the registry with its URI in normal form and the host's {@link RegistryContext}. */
    @Override
    default ContainerRegistry create(ComponentSettings settings, ComponentContext context) {
        String uri = normalizeUri(settings.config().getString("uri"));
        return create(new RegistrySettings(settings.name(), settings.flavor(), uri, settings.config()),
                context.service(RegistryContext.class));
    }
}
