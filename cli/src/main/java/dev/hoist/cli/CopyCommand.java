package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.copy.CopyResult;
import dev.hoist.push.ImageDestination;
import dev.hoist.push.ImageSource;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.Platform;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist copy}: an image from a registry, layout or archive to another, keeping its digest. */
@Command(name = "copy", description = "Copy an image or index byte for byte, keeping its digest: every platform, or"
        + " those --platform selects. Each registry end uses the credentials of the configured registry that owns it."
        + " Progress goes to stderr; the last line on stdout is the digest, or with --json one object.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:copied (or already there)", "1:the copy failed or an input was invalid",
                "2:usage or configuration error", "130:cancelled"})
final class CopyCommand implements Callable<Integer> {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Copy only this platform of an index (repeatable): one gives that manifest as it is,"
                    + " several a new index of them.")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object: source, destination, digest, mediaType, size,"
            + " blobs, bytesCopied, durationMs.")
    boolean json;

    @Option(names = "--registry", paramLabel = "NAME",
            description = "The registry under hoist.registries that serves the destination (or, when only the source"
                    + " is a registry, the source); default: the configured registry that owns each reference.")
    String registryName;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "docker://REF (or a bare REF), docker-daemon:NAME,"
            + " docker-archive:PATH[:NAME], oci:DIR[:REF] or oci-archive:PATH[:REF].")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION", description = "docker://REF (or a bare REF), oci:DIR[:REF],"
            + " oci-archive:PATH[:REF] or docker-archive:PATH[:NAME] (one platform).")
    String destination;

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImageSource from;
        ImageDestination to;
        try {
            from = ImageSource.parseOrReference(source);
        } catch (ImageSourceException bad) {
            throw new ParameterException(spec.commandLine(), "SOURCE: " + bad.getMessage());
        }
        try {
            to = ImageDestination.parse(destination);
        } catch (ImageSourceException bad) {
            throw new ParameterException(spec.commandLine(), "DESTINATION: " + bad.getMessage());
        }
        List<Platform> chosen = new ArrayList<>();
        for (String platform : platforms) {
            chosen.add(ReadOptions.platform(platform, spec).orElseThrow());
        }
        ProgressOptions.Mode mode = progress.resolved();
        progress.checkDigestFile(spec.commandLine());
        ProgressOptions.configureLogging(mode);
        CopyResult result;
        Optional<String> named = Optional.ofNullable(registryName);
        boolean toRegistry = to.kind() == ImageDestination.Kind.REGISTRY;
        try (Hoist hoist = Hoists.open(cli);
             ProgressOptions.Renderer renderer = ProgressOptions.renderer(mode, spec.commandLine().getErr())) {
            result = hoist.copier(toRegistry ? Optional.empty() : named, toRegistry ? named : Optional.empty())
                    .copy(from, to, chosen, renderer);
        }
        if (result.alreadyThere()) {
            spec.commandLine().getErr().println(to.display() + " holds " + result.digest() + " already; nothing was"
                    + " copied.");
            spec.commandLine().getErr().flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? json(result) : result.digest());
        out.flush();
        progress.writeDigest(result.digest());
        return ExitCode.OK;
    }

    /** The contract of {@code hoist copy --json}: exactly these fields, in this order. */
    static Json json(CopyResult result) {
        return Json.object()
                .put("source", result.source())
                .put("destination", result.destination())
                .put("digest", result.digest())
                .put("mediaType", result.mediaType())
                .put("size", result.size())
                .put("blobs", result.blobs().stream().map(blob -> Json.object()
                        .put("digest", blob.digest())
                        .put("size", blob.size())
                        .put("result", blob.result())).toList())
                .put("bytesCopied", result.bytesCopied())
                .put("durationMs", result.durationMs());
    }
}
