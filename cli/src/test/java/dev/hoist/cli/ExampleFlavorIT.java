package dev.hoist.cli;

import dev.hoist.plugin.SpiVersion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.testing.JavaJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party example, examples/flavor-ecr, built here from its real sources against the
 * Hoist API only, then loaded by the shaded CLI in both ways a user would: on the class path,
 * and from a plugins directory.
 */
class ExampleFlavorIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar")).toAbsolutePath();
    private static final Path EXAMPLE = Path.of("..", "examples", "flavor-ecr").toAbsolutePath().normalize();
    private static final String VALID = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    @TempDir
    static Path work;
    private static Path plugins;
    private static Path ecrJar;

    @BeforeAll
    static void buildTheExample() throws IOException {
        Path autoService;
        try {
            autoService = Path.of(com.google.auto.service.AutoService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        // The services file that AutoService would generate is written directly: javac runs here without processors.
        JavaJars jar = new JavaJars().compileAgainst(autoService).flavors("com.example.hoist.ecr.EcrFlavor").spiVersion(dev.hoist.plugin.SpiVersion.current().toString());
        Path sources = EXAMPLE.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String className = sources.relativize(file).toString().replace('/', '.').replaceFirst("\\.java$", "");
                jar.source(className, Files.readString(file));
            }
        }
        jar.resource("reference.conf", Files.readString(EXAMPLE.resolve("src/main/resources/reference.conf")));
        plugins = Files.createDirectories(work.resolve("plugins"));
        ecrJar = jar.writeTo(plugins.resolve("hoist-flavor-ecr.jar"));
    }

    private record Result(int code, String out, String err) {
    }

    private static Result java(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(work.resolve("err.txt").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), out, Files.readString(work.resolve("err.txt")));
    }

    @Test
    void fromThePluginsDirectoryItsFlavorIsListedWithItsJarAndItsRulesApply() throws Exception {
        Result flavors = java(List.of("-jar", JAR.toString(), "--plugins", plugins.toString(), "flavors", "--json"));
        assertThat(flavors.code()).as(flavors.err()).isZero();
        assertThat(flavors.out().lines().filter(l -> l.contains("\"name\":\"ecr\""))).singleElement().asString()
                .contains("\"jar\":\"hoist-flavor-ecr.jar\"").contains("\"location\":\"" + ecrJar + "\"");
        assertThat(flavors.out().lines()).hasSize(7);

        Result validate = java(List.of("-jar", JAR.toString(), "--plugins", plugins.toString(),
                "validate", "--flavor", "ecr", "--json", VALID, "12345.dkr.ecr.eu-west-1.amazonaws.com"));
        assertThat(validate.code()).isEqualTo(1);
        List<String> lines = validate.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"uri\":\"" + VALID + "\",\"valid\":true,\"normalized\":\"" + VALID + "\"}");
        assertThat(lines.get(1)).startsWith("{\"uri\":\"12345.dkr.ecr.eu-west-1.amazonaws.com\",\"valid\":false,\"error\":");
    }

    @Test
    void fromTheClassPathItWorksTheSame() throws Exception {
        String classPath = JAR + java.io.File.pathSeparator + ecrJar;
        Result flavors = java(List.of("-cp", classPath, "dev.hoist.cli.HoistCli", "flavors", "--json"));
        assertThat(flavors.code()).as(flavors.err()).isZero();
        assertThat(flavors.out().lines().filter(l -> l.contains("\"name\":\"ecr\""))).singleElement().asString()
                .contains("\"location\":\"" + ecrJar + "\"");
        Result validate = java(List.of("-cp", classPath, "dev.hoist.cli.HoistCli", "validate", "--flavor", "ecr", VALID));
        assertThat(validate.code()).as(validate.err()).isZero();
    }

    @Test
    void theSameJarTwiceIsLoudAndTheOtherFlavorsKeepWorking() throws Exception {
        Path twice = Files.createDirectories(work.resolve("twice"));
        Files.copy(ecrJar, twice.resolve("a.jar"));
        Files.copy(ecrJar, twice.resolve("b.jar"));
        Result flavors = java(List.of("-jar", JAR.toString(), "--plugins", twice.toString(), "flavors", "--json"));
        assertThat(flavors.code()).isEqualTo(1);
        assertThat(flavors.out().lines()).hasSize(6).noneMatch(l -> l.contains("\"ecr\""));
        assertThat(flavors.err()).contains("Flavor 'ecr' is provided 2 times: by com.example.hoist.ecr.EcrFlavor from "
                + twice.resolve("a.jar") + ", and by com.example.hoist.ecr.EcrFlavor from " + twice.resolve("b.jar"));
        Result validate = java(List.of("-jar", JAR.toString(), "--plugins", twice.toString(),
                "validate", "--flavor", "default", "localhost:5000"));
        assertThat(validate.code()).isZero();
    }
}
