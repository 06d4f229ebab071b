package dev.hoist.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Objects;

/**
 * A config tree resolved once, with every {@code reference.conf}'s Hoist defaults as fallback (a host's own at the
 * root, and the plugins'): what {@link HoistConfig#load(ResolvedConfig, java.util.Collection, java.util.Map)}
 * validates and what component loading reads, so that both see the same values and the tree is resolved once.
 *
 * <p>Building one never fails for a tree that does not resolve: {@link #resolved()}, {@link #tree()} and
 * {@link #reference()} throw why, each time they are called, so that the config's validation reports it with the
 * rest and a caller that only peeks (for the registry names, say) can do without.
 */
public final class ResolvedConfig {

    private final String root;
    private final Config reference;
    private final Config resolved;
    private final RuntimeException failure;

    private ResolvedConfig(String root, Config reference, Config resolved, RuntimeException failure) {
        this.root = root;
        this.reference = reference;
        this.resolved = resolved;
        this.failure = failure;
    }

    /**
     * Resolves {@code config} with the {@code reference.conf} defaults under {@code root}.
     *
     * @param config a config tree that holds an object at {@code root}; unresolved is fine
     * @param root a config path, such as {@code hoist} or {@code mystack.components}
     * @param loader the loader whose {@code reference.conf} files give the defaults and the valid keys
     * @param pluginReferences the plugins' {@code reference.conf} settings, under {@code root}
     * @return the resolved tree, or the reason it does not resolve
     */
    public static ResolvedConfig of(Config config, String root, ClassLoader loader, Config pluginReferences) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(root, "root");
        Config reference;
        try {
            reference = HoistConfig.reference(root, loader, pluginReferences);
        } catch (ConfigException broken) {
            return new ResolvedConfig(root, null, null, broken); // A jar's reference.conf does not parse.
        }
        try {
            return new ResolvedConfig(root, reference, HoistConfig.resolve(config, root, reference), null);
        } catch (HoistConfigException unresolvable) {
            return new ResolvedConfig(root, reference, null, unresolvable);
        }
    }

    /**
     * The root path of Hoist's settings in the tree.
     *
     * @return such as {@code hoist} or {@code mystack.components}
     */
    public String root() {
        return root;
    }

    /**
     * What the {@code reference.conf} files declare under the root (see {@link HoistConfig#reference}).
     *
     * @return a config holding an object at the root, unresolved
     * @throws ConfigException if a {@code reference.conf} does not parse or resolve
     */
    public Config reference() {
        if (reference == null) {
            throw failure;
        }
        return reference;
    }

    /**
     * The whole tree, resolved, with the defaults as fallback.
     *
     * @return the tree
     * @throws HoistConfigException if the tree does not resolve, naming the root and the origin
     * @throws ConfigException if a {@code reference.conf} does not parse or resolve
     */
    public Config resolved() {
        if (resolved == null) {
            throw failure;
        }
        return resolved;
    }

    /**
     * The object at the root, resolved: Hoist's settings with their defaults.
     *
     * @return the subtree, with paths relative to the root
     * @throws HoistConfigException if the tree does not resolve, or holds no object at the root
     * @throws ConfigException if a {@code reference.conf} does not parse or resolve
     */
    public Config tree() {
        return HoistConfig.rootObject(resolved(), root).toConfig();
    }
}
