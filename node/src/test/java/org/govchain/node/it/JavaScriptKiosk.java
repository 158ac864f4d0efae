package org.govchain.node.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.govchain.node.client.ClientCredentials;
import org.govchain.node.config.HostPort;

/**
 * Runs the Node.js client (node/src/test/js/kiosk-client.js) as a process: its npm packages are the
 * WebJars the build unpacked into node/target/js/node_modules, its .proto files the ones the build
 * published in node/target/proto. Each result is one JSON line of its output.
 */
final class JavaScriptKiosk {
  static final long RUN_TIMEOUT_SECONDS = 120;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one run printed: one JSON object per result, and its exit status and error output. */
  record Run(int exitCode, List<JsonNode> results, String errors) {}

  private final Path root;
  private final HostPort target;
  private final ClientCredentials credentials;
  private final List<Path> genesisFiles;

  JavaScriptKiosk(
      Path root, HostPort target, ClientCredentials credentials, List<Path> genesisFiles) {
    this.root = root;
    this.target = target;
    this.credentials = credentials;
    this.genesisFiles = List.copyOf(genesisFiles);
  }

  /** The repository root the failsafe configuration names. */
  static Path repositoryRoot() {
    return Path.of(System.getProperty("govchain.root", "..")).toAbsolutePath().normalize();
  }

  /** Whether a {@code node} executable answers; the JS client cannot run without one. */
  static boolean nodeAvailable() {
    try {
      Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  Run run(String call, List<String> arguments) throws IOException, InterruptedException {
    return run(List.of(), call, arguments);
  }

  /** A run with {@code options} (such as a pull's --signing-key) before the call. */
  Run run(List<String> options, String call, List<String> arguments)
      throws IOException, InterruptedException {
    Path modules = root.resolve("node/target/js/node_modules");
    Path proto = root.resolve("node/target/proto");
    for (Path needed : List.of(modules.resolve("@grpc/grpc-js"), proto.resolve("govchain/api"))) {
      if (!Files.isDirectory(needed)) {
        throw new IOException(needed + " is missing: build the node module first");
      }
    }
    Path scripts = root.resolve("node/src/test/js");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "node",
            "--require",
            scripts.resolve("webjar-modules.js").toString(),
            scripts.resolve("kiosk-client.js").toString(),
            "--target",
            target.host() + ":" + target.port(),
            "--ca",
            credentials.authority().toString(),
            "--cert",
            credentials.certificate().toString(),
            "--key",
            credentials.key().toString(),
            "--proto",
            proto.toString()));
    for (Path genesis : genesisFiles) {
      command.add("--genesis");
      command.add(genesis.toString());
    }
    command.addAll(options);
    command.add(call);
    command.addAll(arguments);
    ProcessOutput run = runProcess(command, Map.of("NODE_PATH", modules.toString()));
    List<JsonNode> results = new ArrayList<>();
    for (String line : run.output().lines().filter(l -> !l.isBlank()).toList()) {
      results.add(JSON.readTree(line));
    }
    return new Run(run.exitCode(), results, run.errors());
  }

  /** What a finished process printed on standard output and standard error, and its exit status. */
  record ProcessOutput(int exitCode, String output, String errors) {}

  /**
   * Runs {@code command} with {@code environment} added, its standard input closed, reading both of
   * its outputs; an {@link IOException} if it has not finished within {@link #RUN_TIMEOUT_SECONDS}.
   */
  static ProcessOutput runProcess(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> errors =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return process.getErrorStream().readAllBytes();
              } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
              }
            });
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command.get(1) + " did not finish in " + RUN_TIMEOUT_SECONDS + " s");
    }
    return new ProcessOutput(
        process.exitValue(), output, new String(errors.join(), StandardCharsets.UTF_8));
  }
}
