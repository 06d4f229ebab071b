package dev.hoist.benchmarks;

import dev.hoist.api.ImageReference;
import dev.hoist.api.InvalidImageReferenceException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How fast {@link ImageReference#parse} reads the references people write, and how long it takes
 * to refuse input built to make a parser slow. See docs/benchmarks.md for how to run it.
 */
public class ReferenceParseBenchmark {

    private static final String SHA256 = "sha256:" + "0123456789abcdef".repeat(4);

    /** Typical references, one per parameter value. */
    @State(Scope.Benchmark)
    public static class Typical {

        @Param({"ubuntu", "docker.io/library/ubuntu:22.04", "localhost:5000/team/app:1.0", "ghcr.io/owner/app@digest",
                "registry.example.com:5000/a/b/c:tag@digest"})
        public String reference;

        String input;

        @Setup
        public void setUp() {
            // A @Param value stays short and readable in the report; the digest is filled in here.
            input = reference.replace("@digest", "@" + SHA256);
        }
    }

    /** Invalid inputs of about 100 kB, each shaped to push a different part of the scanner. */
    @State(Scope.Benchmark)
    public static class Hostile {

        @Param({"dash-run", "host-labels", "slash-pairs", "letters-then-bang", "digest-hex"})
        public String kind;

        String input;

        @Setup
        public void setUp() {
            input = switch (kind) {
                // A separator run that a backtracking regex retries at every split.
                case "dash-run" -> "a" + "-".repeat(50_000) + "!";
                // A 50,000-label host, read to its end before the bad character shows.
                case "host-labels" -> "a.".repeat(50_000) + "!/x";
                // 50,000 path components.
                case "slash-pairs" -> "a/".repeat(50_000) + "!";
                // One 100 kB component with a bad last character.
                case "letters-then-bang" -> "a".repeat(100_000) + "!";
                // A digest whose 100 kB of hex must all be read before its length is known.
                case "digest-hex" -> "app@sha256:" + "0".repeat(100_000);
                default -> throw new IllegalArgumentException(kind);
            };
            try {
                ImageReference.parse(input);
                throw new IllegalStateException("hostile input '" + kind + "' was accepted");
            } catch (InvalidImageReferenceException expected) {
                // Measured below: the time to reach this.
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ImageReference parseTypical(Typical state) {
        return ImageReference.parse(state.input);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object rejectHostile(Hostile state) {
        try {
            return ImageReference.parse(state.input);
        } catch (InvalidImageReferenceException rejected) {
            return rejected;
        }
    }
}
