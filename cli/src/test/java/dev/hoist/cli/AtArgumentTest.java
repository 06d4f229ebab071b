package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15 item 2: arguments that start with {@code @} are taken literally. picocli's {@code @file}
 * expansion is off, so {@code hoist push @/some/file} never reads the file, {@code @@x} stays
 * {@code @@x}, and {@code @/tmp}, {@code @.}, {@code @/} give the usual one-line error.
 */
class AtArgumentTest {

    @TempDir
    static Path dir;

    private Path canaryFile;
    private String canary;

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HoistCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void canary() throws Exception {
        canary = "CANARY-" + UUID.randomUUID();
        canaryFile = dir.resolve("args-" + UUID.randomUUID() + ".txt");
        // A file that picocli would expand into three arguments, one of them a valid URI.
        Files.writeString(canaryFile, canary + "\nlocalhost:5000\n--json\n");
    }

    /** {@code ARG} stands for the {@code @} argument under test; {@code CANARY} for the canary file's path. */
    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            push ARG                               | @CANARY  | 1 | Invalid image
            push -- ARG                            | @CANARY  | 1 | Invalid image
            push ARG                               | @/tmp    | 1 | Invalid image
            push ARG                               | @.       | 1 | Invalid image
            push ARG                               | @/       | 1 | Invalid image
            push ARG                               | @        | 1 | Invalid image
            push ARG                               | @@x      | 1 | '@@x'
            push ARG                               | @@CANARY | 1 | Invalid image
            validate --flavor default ARG          | @CANARY  | 1 | '@
            validate --flavor default -- ARG       | @/tmp    | 1 | '@/tmp'
            validate --flavor default ARG          | @.       | 1 | '@.'
            validate --flavor default ARG          | @/       | 1 | '@/'
            validate --flavor default ARG          | @@x      | 1 | '@@x'
            ref ARG                                | @CANARY  | 1 | '@
            ref ARG                                | @/tmp    | 1 | '@/tmp'
            ref ARG                                | @@x      | 1 | '@@x'
            ref --uri ARG ubuntu                   | @CANARY  | 2 | --uri
            ref --uri ARG ubuntu                   | @/       | 2 | --uri
            validate --flavor ARG localhost:5000   | @CANARY  | 2 | Unknown container-registry flavor '@
            validate --flavor ARG localhost:5000   | @.       | 2 | Unknown container-registry flavor '@.'
            push --registry ARG localhost:5000/a:1 | @/tmp    | 2 | No registry named '@/tmp'
            push --registry ARG localhost:5000/a:1 | @@x      | 2 | No registry named '@@x'
            ARG                                    | @CANARY  | 2 | hoist:
            ARG                                    | @/tmp    | 2 | hoist:
            ARG                                    | @.       | 2 | hoist:
            ARG                                    | @/       | 2 | hoist:
            flavors ARG                            | @/tmp    | 2 | hoist:
            """)
    void anArgumentStartingWithAtIsLiteral(String command, String argument, int code, String expected) {
        String literal = argument.replace("CANARY", canaryFile.toString());
        List<String> args = new ArrayList<>();
        for (String word : command.split(" ")) {
            args.add(word.equals("ARG") ? literal : word);
        }
        Result result = run(args);
        String all = result.out() + result.err();
        assertThat(all).as("the file's content").doesNotContain(canary);
        assertThat(all).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(result.code()).as(all).isEqualTo(code);
        assertThat(all).contains(expected);
        // Usage and push errors are one line on stderr; validate and ref report each input on stdout.
        assertThat(result.err().lines().toList()).as(all).allSatisfy(line -> assertThat(line).startsWith("hoist: ")).hasSizeLessThan(2);
    }

    @Test
    void refEchoesTheArgumentExactlyAsGiven() {
        for (String argument : List.of("@@x", "@" + canaryFile, "@/tmp", "@.", "@/", "@")) {
            Result result = run(List.of("ref", "--json", argument));
            assertThat(result.code()).isEqualTo(1);
            assertThat(result.out().lines()).singleElement().asString()
                    .startsWith("{\"input\":\"" + argument + "\",\"error\":\"Invalid image reference '" + argument + "'");
            assertThat(result.out()).doesNotContain(canary);
        }
    }

    @Test
    void aFileNamedAfterTheAtIsNeverRead() throws Exception {
        // With expansion on, '@file' would become the three lines of the file, and validate would pass.
        Result result = run(List.of("validate", "--flavor", "default", "--json", "@" + canaryFile));
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).singleElement().asString()
                .startsWith("{\"uri\":\"@" + canaryFile + "\",\"valid\":false,\"error\":");
        assertThat(result.out() + result.err()).doesNotContain(canary);
    }
}
