package dev.hoist.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.discovery.FlavorCatalog;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.JavaJars;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15 item 13: the duplicate-flavor message gives each provider's file first and then its
 * artifact, when its own jar says which artifact it is, the same way for the class-path jar and the
 * plugin jar. A plugin jar that duplicates a built-in is never labelled with the built-in's artifact.
 */
class DuplicateFlavorOriginTest {

    private static final ClassLoader CORE = DuplicateFlavorOriginTest.class.getClassLoader();

    @TempDir
    Path dir;

    private static JavaJars flavor(String pkg) {
        return new JavaJars().source(pkg + ".Flavor", PluginDirectoryTest.flavorSource(pkg, "dup", "\"A flavor\"",
                "return java.util.Optional.of(new Hook());")).flavors(pkg + ".Flavor");
    }

    /**
     * A "built-in" jar on the host's class path, with a descriptor naming artifact hoist-flavor-dup-1.0,
     * and a plugin jar providing the same name, with or without a descriptor of its own.
     */
    @ParameterizedTest(name = "[{index}] built-in in {0}, plugin descriptor ''{1}''")
    @CsvSource(quoteCharacter = '"', textBlock = """
            hoist.jar,               "",             " (artifact hoist-flavor-dup-1.0.jar)", ""
            hoist-flavor-dup-1.0.jar, "",             "",                                     ""
            hoist.jar,               acme-dup,       " (artifact hoist-flavor-dup-1.0.jar)", " (artifact acme-dup-2.0.jar)"
            hoist-flavor-dup-1.0.jar, acme-dup,       "",                                     " (artifact acme-dup-2.0.jar)"
            hoist.jar,               hoist-flavor-dup, " (artifact hoist-flavor-dup-1.0.jar)", " (artifact hoist-flavor-dup-2.0.jar)"
            """)
    void eachProviderIsItsFileThenItsOwnArtifact(String builtInFile, String pluginArtifactId, String builtInSuffix,
            String pluginSuffix) throws Exception {
        Path builtIn = flavor("com.builtin")
                .resource("META-INF/hoist/flavors/dup.properties", "artifactId=hoist-flavor-dup\nversion=1.0\n")
                .writeTo(Files.createDirectories(dir.resolve("lib")).resolve(builtInFile));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        JavaJars pluginJar = flavor("com.plugin");
        if (!pluginArtifactId.isEmpty()) {
            pluginJar.resource("META-INF/hoist/flavors/dup.properties", "artifactId=" + pluginArtifactId + "\nversion=2.0\n");
        }
        Path plugin = pluginJar.writeTo(plugins.resolve("dup.jar"));

        try (URLClassLoader host = new URLClassLoader(new URL[] {builtIn.toUri().toURL()}, CORE);
                PluginDirectory directory = PluginDirectory.open(plugins, host, "hoist.plugins.directory")) {
            FlavorCatalog<ContainerRegistryFlavor> catalog = FlavorCatalog.discover(ContainerRegistryFlavor.class, host, directory);
            assertThat(catalog.names()).doesNotContain("dup");
            assertThat(catalog.problems()).containsExactly("Flavor 'dup' is provided 2 times: by com.builtin.Flavor from "
                    + builtIn + builtInSuffix + ", and by com.plugin.Flavor from " + plugin + pluginSuffix
                    + ". Neither is used; remove all but one of these jars.");
        }
    }
}
