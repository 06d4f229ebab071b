package com.example.hoist.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.SettingProblem;
import dev.hoist.spi.StackComponent;
import dev.hoist.spi.StackComponentType;
import dev.hoist.spi.StackRule;
import dev.hoist.testkit.TestHoist;
import dev.hoist.testkit.UriRuleTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Issue 24, item 16: the examples a flavor author copies run. The guide's {@code AcmeUris},
 * {@code AcmeSettings} (its {@code check}), {@code reference.conf} and contract test are copied verbatim into this module's tests (checked
 * here, so the copies cannot drift), and the contract test runs as {@link AcmeFlavorContractTest};
 * the URI rows of every example in the guide and in the test kit's javadoc are run against them.
 */
class DocumentedExamplesTest {

    private static final Path GUIDE = Path.of("..", "docs", "writing-a-flavor.md");
    private static final Path KIT = Path.of("src", "main", "java", "dev", "hoist", "testkit");
    private static final Path COPIES = Path.of("src", "test");
    private static final Pattern CODE_BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JAVADOC_CODE = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("\\.(valid|refused)\\(((?:\"(?:[^\"\\\\]|\\\\.)*\"|null|[,\\s])*)\\)");
    private static final Pattern ARGUMENT = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|null");

    @Test
    void theCopiesAreTheGuidesOwnCode() throws IOException {
        assertThat(read(COPIES.resolve("java/com/example/hoist/acme/AcmeUris.java")))
                .isEqualTo(guideBlock("java", "final class AcmeUris"));
        assertThat(read(COPIES.resolve("java/com/example/hoist/acme/AcmeFlavorContractTest.java")))
                .isEqualTo(guideBlock("java", "extends FlavorContractTest"));
        assertThat(read(COPIES.resolve("resources/reference.conf"))).isEqualTo(guideBlock("hocon", "hoist.flavors.acme {"));
        assertThat(read(COPIES.resolve("java/com/example/hoist/acme/AcmeReachableRule.java")))
                .isEqualTo(guideBlock("java", "final class AcmeReachableRule"));
        assertThat(read(COPIES.resolve("java/com/example/hoist/acme/AcmeSettings.java")))
                .isEqualTo(guideBlock("java", "record AcmeSettings("));
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void theGuidesCheckAcceptsASettingGivenAsASystemProperty() {
        // Issue 24 item 17: the guide's check refused any value given by -D, since a system property is a string.
        System.setProperty("hoist.registries.prod.allow-new-repositories", "true");
        System.setProperty("hoist.registries.prod.api-timeout", "20s");
        ConfigFactory.invalidateCaches();
        try {
            Config config = ConfigFactory.systemProperties()
                    .withFallback(ConfigFactory.parseString("hoist.registries.prod { flavor = acme, uri = \"registry.acme.example/team\" }"))
                    .withFallback(ConfigFactory.parseString(TestHoist.WITHOUT_LOCAL));
            Config prod = config.getConfig("hoist.registries.prod");
            assertThat(AcmeSettings.check(prod)).isEmpty();
            assertThat(AcmeSettings.read(prod)).isEqualTo(new AcmeSettings(true, Duration.ofSeconds(20)));
            // And so Hoist starts with it, the registry of the guide's flavor checked as in production.
            try (Hoist hoist = Hoist.builder().config(config).classLoader(getClass().getClassLoader()).build()) {
                assertThat(hoist.registry("prod").uri()).isEqualTo("registry.acme.example/team");
            }
            System.setProperty("hoist.registries.prod.allow-new-repositories", "maybe");
            ConfigFactory.invalidateCaches();
            assertThat(AcmeSettings.check(ConfigFactory.systemProperties().getConfig("hoist.registries.prod")))
                    .extracting(SettingProblem::key).containsExactly("allow-new-repositories");
        } finally {
            System.clearProperty("hoist.registries.prod.allow-new-repositories");
            System.clearProperty("hoist.registries.prod.api-timeout");
            ConfigFactory.invalidateCaches();
        }
    }

    private record Component(String name, String flavor, StackComponentType type, boolean isRemote) implements StackComponent {
    }

    @Test
    void theGuidesStackRuleRefusesALocalComponentOfAnAcmeStack() {
        StackComponentType runner = StackComponentType.of("step-runner");
        StackComponent acme = new Component("prod", "acme", StackComponentType.CONTAINER_REGISTRY, true);
        StackRule rule = new AcmeReachableRule();
        assertThat(rule.check(new StackRule.Stack("dev", Map.of(StackComponentType.CONTAINER_REGISTRY, acme,
                runner, new Component("laptop", "local", runner, false))))).containsExactly("Stack 'dev': step-runner"
                + " 'laptop' runs on this machine, which cannot pull from acme registry 'prod' [rule acme-remote-only]."
                + " Use a remote step-runner.");
        assertThat(rule.check(new StackRule.Stack("cloud", Map.of(StackComponentType.CONTAINER_REGISTRY, acme,
                runner, new Component("k8s", "kubernetes", runner, true))))).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyUriRowOfTheGuideAndTheKitsJavadocPasses() throws IOException {
        List<String> examples = new ArrayList<>();
        Matcher blocks = CODE_BLOCK.matcher(read(GUIDE));
        while (blocks.find()) {
            examples.add(blocks.group(2));
        }
        for (String kitClass : List.of("FlavorContractTest.java", "UriRuleTable.java")) {
            Matcher javadoc = JAVADOC_CODE.matcher(read(KIT.resolve(kitClass)));
            assertThat(javadoc.find()).as("%s has a code example", kitClass).isTrue();
            examples.add(javadoc.group(1).replaceAll("(?m)^ \\* ?", ""));
        }
        ContainerRegistryFlavor flavor = new AcmeFlavor();
        List<DynamicTest> tests = new ArrayList<>();
        for (String example : examples) {
            Matcher row = ROW.matcher(example);
            while (row.find()) {
                List<String> arguments = arguments(row.group(2));
                String kind = row.group(1);
                tests.add(DynamicTest.dynamicTest(row.group(), () -> {
                    if (kind.equals("valid")) {
                        UriRuleTable.assertValid(flavor, new UriRuleTable.Valid(arguments.get(0), arguments.get(1)));
                    } else {
                        UriRuleTable.assertRefused(flavor, new UriRuleTable.Refused(arguments.get(0), arguments.get(1),
                                arguments.subList(2, arguments.size())));
                    }
                }));
            }
        }
        assertThat(tests).as("URI rows found in the examples").hasSizeGreaterThanOrEqualTo(10);
        return tests.stream();
    }

    private static List<String> arguments(String text) {
        List<String> arguments = new ArrayList<>();
        Matcher argument = ARGUMENT.matcher(text);
        while (argument.find()) {
            arguments.add(argument.group(1) == null ? null : argument.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return arguments;
    }

    private static String guideBlock(String language, String marker) throws IOException {
        Matcher blocks = CODE_BLOCK.matcher(read(GUIDE));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            if (blocks.group(1).equals(language) && blocks.group(2).contains(marker)) {
                found.add(blocks.group(2));
            }
        }
        assertThat(found).as("%s blocks of the guide holding '%s'", language, marker).hasSize(1);
        return found.get(0);
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path);
    }
}
