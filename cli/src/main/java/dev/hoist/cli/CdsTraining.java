package dev.hoist.cli;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The build's AppCDS training run: runs the commands that start-up matters most for, with their output discarded,
 * in a JVM started with {@code -XX:ArchiveClassesAtExit}, so that the archive holds the classes they load
 * (picocli, Typesafe Config, Guice, flavor discovery, the reference parser). Touches no network, engine or
 * credential.
 */
final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
        String[][] commands = {
            {"flavors"},
            {"flavors", "--json"},
            {"validate", "--flavor", "default", "localhost:5000/team"},
            {"ref", "ubuntu", "localhost:5000/app:1.0"},
            {"ref", "--json", "ghcr.io/acme/app@sha256:" + "0".repeat(64)},
            {"push", "--help"},
            {"--version"},
        };
        for (String[] command : commands) {
            HoistCli.run(command, sink, sink);
        }
    }
}
