package dev.hoist.stack;

import static dev.hoist.config.ComponentValues.describe;
import static dev.hoist.config.ComponentValues.originOf;
import static dev.hoist.config.ComponentValues.quoteKey;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.hoist.spi.HoistException;
import dev.hoist.component.Components;
import dev.hoist.spi.StackComponent;
import dev.hoist.spi.StackComponentType;
import dev.hoist.spi.StackRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stacks under {@code <root>.stacks}, each loaded and validated once, when this object is
 * built: every component it names must be configured, and every {@link StackValidator} must
 * accept it. An invalid stack is kept with its errors, so that a tool can list them all.
 *
 * <pre>{@code
 * <root>.stacks.prod {
 *   container-registry = ghcr   # a key of <root>.registries
 *   step-runner = k8s           # a key of the host type's section
 * }
 * }</pre>
 */
public final class Stacks {

    private final Map<String, StackResult> results = new LinkedHashMap<>();
    private final Map<String, Stack> stacks = new LinkedHashMap<>();
    private final String root;
    private final List<String> secrets;

    /**
     * Loads and validates every stack.
     *
     * @param root the root path, for messages
     * @param tree the resolved subtree at the root path
     * @param components the components of every known type, by type id
     * @param validators the rules every stack must follow
     * @throws HoistException if {@code <root>.stacks} is not an object
     */
    public Stacks(String root, Config tree, Map<String, ? extends Components<?>> components, Collection<StackValidator> validators) {
        this(root, tree, components, validators, List.of());
    }

    /**
     * Loads and validates every stack, with the rules of the SPI too: flavors' and the host's
     * {@link StackRule}s, each run with its own class loader as the context class loader; a rule
     * that fails makes the stack invalid with an error naming the rule, its class and its jar.
     *
     * @param root the root path, for messages
     * @param tree the resolved subtree at the root path
     * @param components the components of every known type, by type id
     * @param validators the host's and Hoist's own rules
     * @param rules the rules of the SPI, such as those a flavor's module binds
     * @throws HoistException if {@code <root>.stacks} is not an object
     */
    public Stacks(String root, Config tree, Map<String, ? extends Components<?>> components, Collection<StackValidator> validators,
                  Collection<StackRule> rules) {
        validators = java.util.stream.Stream.concat(validators.stream(), StackRuleValidator.of(rules).stream()).toList();
        this.root = Objects.requireNonNull(root, "root");
        this.secrets = dev.hoist.config.ComponentValues.secretsInTree(root, tree.root());
        if (!tree.hasPath("stacks")) {
            return;
        }
        ConfigValue section = tree.getValue("stacks");
        if (section.valueType() != ConfigValueType.OBJECT) {
            throw new HoistException(root + ".stacks (" + originOf(section, root + ".stacks") + "): Expected an object of stacks"
                    + " by name; found " + describe(root + ".stacks", section) + ".");
        }
        ConfigObject entries = (ConfigObject) section;
        for (String name : new TreeSet<>(entries.keySet())) {
            load(name, entries.get(name), new TreeMap<>(components), validators);
        }
    }

    private void load(String name, ConfigValue value, Map<String, ? extends Components<?>> components,
                      Collection<StackValidator> validators) {
        String path = root + ".stacks." + quoteKey(name);
        String origin = originOf(value, path);
        List<String> errors = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<StackComponentType, StackComponent> built = new LinkedHashMap<>();
        if (value.valueType() != ConfigValueType.OBJECT) {
            errors.add(path + " (" + origin + "): Expected an object { container-registry = <registry name>, <type> = <name>, ... };"
                    + " found " + describe(path, value) + ".");
        } else {
            ConfigObject entry = (ConfigObject) value;
            for (String typeId : new TreeSet<>(entry.keySet())) {
                ConfigValue component = entry.get(typeId);
                String at = path + "." + quoteKey(typeId) + " (" + originOf(component, path + "." + quoteKey(typeId)) + ")";
                Components<?> ofType = components.get(typeId);
                if (ofType == null) {
                    errors.add(at + ": Stack '" + name + "' names component type '" + typeId + "', which is not known."
                            + " Known types: " + String.join(", ", components.keySet()) + ".");
                    continue;
                }
                if (component.valueType() != ConfigValueType.STRING) {
                    errors.add(at + ": Expected the name of " + (typeId.matches("[aeiou].*") ? "an " : "a ") + typeId + "; found " + describe(path + "." + quoteKey(typeId), component) + ".");
                    continue;
                }
                String componentName = (String) component.unwrapped();
                names.put(typeId, componentName);
                if (!ofType.names().contains(componentName)) {
                    errors.add(at + ": Stack '" + name + "' names " + typeId + " '" + componentName + "', which is not configured."
                            + " Configured under " + root + "." + ofType.type().type().section() + ": "
                            + (ofType.names().isEmpty() ? "none" : String.join(", ", ofType.names())) + ".");
                    continue;
                }
                try {
                    built.put(ofType.type().type(), ofType.get(componentName));
                } catch (HoistException failed) {
                    errors.add(at + ": " + failed.getMessage());
                }
            }
        }
        if (errors.isEmpty()) {
            Stack stack = new Stack(name, built);
            for (StackValidator validator : validators) {
                try {
                    errors.addAll(validator.validate(stack));
                } catch (RuntimeException failed) {
                    errors.add("Stack '" + name + "': rule " + validator.rule() + " (" + validator.getClass().getName()
                            + ") failed: " + failed);
                }
            }
            if (errors.isEmpty()) {
                stacks.put(name, stack);
            }
        }
        // A flavor's message may quote a setting; no credential's value reaches `hoist stacks`.
        results.put(name, new StackResult(name, origin, names,
                errors.stream().map(error -> dev.hoist.config.ComponentValues.scrub(error, secrets)).toList()));
    }

    /** Every stack with what validation found, by name. */
    public List<StackResult> results() {
        return List.copyOf(results.values());
    }

    /** The configured stack names, sorted. */
    public List<String> names() {
        return List.copyOf(results.keySet());
    }

    /** Whether every stack is valid. */
    public boolean allValid() {
        return results.values().stream().allMatch(StackResult::valid);
    }

    /**
     * The valid stack with this name.
     *
     * @throws InvalidStackException if it is invalid, with every error, or not configured
     */
    public Stack get(String name) {
        StackResult result = results.get(name);
        if (result == null) {
            throw new InvalidStackException("No stack named '" + name + "' is configured. Configured stacks: "
                    + (results.isEmpty() ? "none" : String.join(", ", results.keySet())) + ". Add it as " + root
                    + ".stacks." + name + " { container-registry = ..., ... }.");
        }
        if (!result.valid()) {
            throw new InvalidStackException(name, result.errors());
        }
        return stacks.get(name);
    }
}
