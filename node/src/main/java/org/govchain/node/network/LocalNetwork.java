package org.govchain.node.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Node processes of a local network, one per node of {@code network.yaml}, each started as {@code
 * java ... govchain node --config nodes/<id>/node.yaml} with its output in {@code
 * nodes/<id>/node.log} and its process id in {@code nodes/<id>/node.pid}.
 */
public final class LocalNetwork {
  public static final String MAIN_CLASS = "org.govchain.node.cli.GovchainCommand";

  private final Path directory;
  private final NetworkFile network;

  public LocalNetwork(Path directory) throws NetworkInitException {
    this.directory = directory.toAbsolutePath().normalize();
    this.network = NetworkFile.read(this.directory);
  }

  public NetworkFile network() {
    return network;
  }

  public Path directory() {
    return directory;
  }

  public Path nodeDirectory(String nodeId) {
    return directory.resolve("nodes").resolve(nodeId);
  }

  /**
   * The running process of a node, if its pid file names a live govchain node of this directory.
   */
  public Optional<ProcessHandle> running(String nodeId) {
    Path pidFile = nodeDirectory(nodeId).resolve("node.pid");
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    String config = nodeDirectory(nodeId).resolve("node.yaml").toString();
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            handle ->
                handle.info().arguments().map(args -> List.of(args).contains(config)).orElse(true));
  }

  /** Starts a node process (unless it runs) with the given JVM options; returns its handle. */
  public ProcessHandle start(String nodeId, List<String> jvmOptions) throws IOException {
    Optional<ProcessHandle> alive = running(nodeId);
    if (alive.isPresent()) {
      return alive.get();
    }
    Path home = nodeDirectory(nodeId);
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(absoluteClassPath(System.getProperty("java.class.path")));
    command.add(MAIN_CLASS);
    command.add("node");
    command.add("--config");
    command.add(home.resolve("node.yaml").toString());
    Path log = home.resolve("node.log");
    Process process =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Files.writeString(home.resolve("node.pid"), process.pid() + "\n", StandardCharsets.US_ASCII);
    return process.toHandle();
  }

  /**
   * The class path with every entry made absolute: a node process runs in its own directory, where
   * a relative entry (e.g. {@code java -cp benchmarks/target/benchmarks.jar}) would name nothing.
   */
  static String absoluteClassPath(String classPath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** Stops a node: SIGTERM (graceful shutdown), then SIGKILL after {@code graceMillis}. */
  public boolean stop(String nodeId, long graceMillis) {
    Optional<ProcessHandle> alive = running(nodeId);
    boolean stopped = false;
    if (alive.isPresent()) {
      ProcessHandle handle = alive.get();
      handle.destroy();
      try {
        handle.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
        handle.onExit().join();
      }
      stopped = true;
    }
    try {
      Files.deleteIfExists(nodeDirectory(nodeId).resolve("node.pid"));
    } catch (IOException e) {
      // A stale pid file is harmless: running() checks that the process is this node.
    }
    return stopped;
  }

  /** Kills a node at once (SIGKILL): for crash tests. */
  public void kill(String nodeId) {
    running(nodeId)
        .ifPresent(
            handle -> {
              handle.destroyForcibly();
              handle.onExit().join();
            });
  }
}
