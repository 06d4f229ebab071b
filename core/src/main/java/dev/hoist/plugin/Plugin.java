package dev.hoist.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * One plugin of a plugins directory: a jar, or a subdirectory of jars, with its own loader.
 *
 * @param name the jar's or subdirectory's file name
 * @param location the jar or subdirectory
 * @param jars the jars on the plugin's class path
 * @param loader the plugin's isolated class loader
 */
public record Plugin(String name, Path location, List<Path> jars, PluginClassLoader loader) {
}
