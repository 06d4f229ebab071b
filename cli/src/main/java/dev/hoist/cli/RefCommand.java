package dev.hoist.cli;

import dev.hoist.api.ImageReference;
import dev.hoist.api.InvalidImageReferenceException;
import dev.hoist.spi.InvalidRegistryUriException;
import dev.hoist.api.RegistryUri;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hoist ref}: image references parsed as the distribution grammar reads them. */
@Command(name = "ref", description = "Parse image references as Docker does: registry, repository, tag, digest and"
        + " canonical form; with --uri, whether each belongs to that registry URI.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every reference is valid", "1:some reference is invalid", "2:usage error, such as an invalid --uri"})
final class RefCommand implements Callable<Integer> {

    @Option(names = "--json", description = "One JSON object per reference per line.")
    boolean json;

    @Option(names = "--uri", paramLabel = "URI", description = "A registry URI; each valid line then says whether the reference belongs to it.")
    String uri;

    @Parameters(arity = "1..*", paramLabel = "REF", description = "Image references, like ubuntu or localhost:5000/app:1.0.")
    List<String> references;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (uri != null) {
            try {
                RegistryUri.parse(uri);
            } catch (InvalidRegistryUriException invalid) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--uri: " + invalid.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean allValid = true;
        for (String input : references) {
            Json line = Json.object().put("input", input);
            try {
                ImageReference reference = ImageReference.parse(input);
                line.put("registry", reference.registry())
                        .put("repository", reference.repository())
                        .put("tag", reference.tag().orElse(null))
                        .put("digest", reference.digest().orElse(null))
                        .put("canonical", reference.canonical());
                Boolean belongs = uri == null ? null : reference.belongsTo(uri);
                if (belongs != null) {
                    line.put("belongs", belongs);
                }
                if (!json) {
                    out.println("valid    " + input + " -> " + reference.canonical()
                            + (belongs == null ? "" : belongs ? "  (belongs to " + uri + ")" : "  (does not belong to " + uri + ")"));
                }
            } catch (InvalidImageReferenceException invalid) {
                allValid = false;
                line.put("error", invalid.getMessage());
                if (!json) {
                    out.println("invalid  " + input + ": " + invalid.getMessage());
                }
            }
            if (json) {
                out.println(line);
            }
        }
        out.flush();
        return allValid ? ExitCode.OK : ExitCode.FAILED;
    }
}
