package dev.hoist.cli;

import dev.hoist.Hoist;
import dev.hoist.auth.CredentialResolution;
import dev.hoist.distribution.ProbeStatus;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.distribution.RegistryProbe;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.api.ImageReference;
import dev.hoist.api.RegistryUri;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hoist auth}: which credentials a registry would get, and whether the registry takes them. */
@Command(name = "auth", description = "Show which source would supply credentials for a registry (source and user,"
        + " never the secret), and check them against the registry. With --image, the registry and credentials a"
        + " push of that image would use.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok: the registry accepts the credentials (or anonymous access)",
                "1:unauthorized: the registry refuses them; the detail says what to try next",
                "2:unreachable, or a usage error such as an unknown registry"})
final class AuthCommand implements Callable<Integer> {

    /** Used in the token scope when the registry URI has no path of its own. */
    private static final String PROBE_REPOSITORY = "hoist/auth-check";

    @Option(names = "--registry", paramLabel = "NAME",
            description = "A registry under hoist.registries; default: hoist.default-registry (or, with --image,"
                    + " the registry a push of the image would use).")
    String registryName;

    @Option(names = "--image", paramLabel = "REF",
            description = "Check the credentials a push of REF would use: its registry (as hoist push picks it,"
                    + " implicit or configured), and the token scope of REF's repository.")
    String image;

    @Option(names = "--json", description = "One JSON object on one line.")
    boolean json;

    @ParentCommand
    HoistCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Hoist hoist = Hoists.open(cli)) {
            ContainerRegistry registry = registryName != null ? hoist.registry(registryName)
                    : image != null ? hoist.registryFor(image) : hoist.defaultRegistry();
            CredentialResolution resolution = registry.credentials().resolve(registry.host());
            String repository;
            if (image != null) {
                // The push's own checks (ownership, the flavor's hook) and its token scope, without pushing.
                repository = ImageReference.parse(image).repository();
                registry.checkPush(image);
            } else {
                List<String> path = RegistryUri.parse(registry.uri()).path();
                repository = path.isEmpty() ? PROBE_REPOSITORY : String.join("/", path);
            }
            RegistryProbe.Result result = registry.probe(resolution.credentials(), repository);
            String status = result.status().name().toLowerCase(java.util.Locale.ROOT);
            String detail = result.detail();
            if (json) {
                out.println(Json.object()
                        .put("registry", registry.configuredName().orElse(null))
                        .put("host", registry.host())
                        .put("source", resolution.credentials().map(RegistryCredentials::source).orElse(null))
                        .put("username", resolution.credentials().map(RegistryCredentials::username).orElse(null))
                        .put("status", status)
                        .put("detail", detail)
                        .put("flavor", registry.flavor()));
            } else {
                out.println((registry.isImplicit() ? "implicit registry " + registry.uri() : "registry " + registry.name())
                        + " (" + registry.host() + ", flavor " + registry.flavor() + "): " + status);
                out.println("  credentials: " + resolution.describe());
                out.println("  " + detail);
            }
            out.flush();
            return result.status() == ProbeStatus.OK ? ExitCode.OK
                    : result.status() == ProbeStatus.UNAUTHORIZED ? ExitCode.FAILED : ExitCode.USAGE;
        }
    }
}
