package dev.hoist.component;

import com.typesafe.config.Config;
import dev.hoist.plugin.PluginDirectory;
import dev.hoist.spi.ComponentContext;

/**
 * Where one injector's components come from: the root path of its settings, the resolved
 * subtree there, the loader and plugins to find flavors with, and the services components get.
 *
 * @param path the root path, such as {@code hoist} or {@code mystack.components}
 * @param tree the resolved subtree at {@code path}, with every {@code reference.conf}'s defaults
 * @param reference what the {@code reference.conf} files (the plugins' included) declare at {@code path}:
 *     the keys Hoist knows there, relative to {@code path}
 * @param loader the loader to find flavors with
 * @param plugins the plugins whose flavors are found too
 * @param context the services components receive
 */
public record ComponentRoot(String path, Config tree, Config reference, ClassLoader loader, PluginDirectory plugins, ComponentContext context) {
}
