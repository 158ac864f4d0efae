package org.govchain.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.govchain.api.v1.ChainStatus;
import org.govchain.api.v1.CommittedBlock;
import org.govchain.api.v1.GetStatusRequest;
import org.govchain.api.v1.NodeServiceGrpc;
import org.govchain.api.v1.NodeStatus;
import org.govchain.api.v1.StreamBlocksRequest;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CertificateCheck;
import org.govchain.core.chain.ChainId;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.SuiteId;
import org.govchain.core.proto.Genesis;
import org.govchain.node.client.ApiClient;
import org.govchain.node.client.ClientCredentials;
import org.govchain.node.config.HostPort;
import org.govchain.node.network.FreePorts;
import org.govchain.node.network.LocalNetwork;
import org.govchain.node.network.NetworkInit;

/**
 * A network of real node processes on loopback for end-to-end tests: created with {@code network
 * init} on free ports, started, killed, restarted and wiped one node at a time, and checked from
 * outside through the gRPC API only.
 */
final class NodeProcesses implements AutoCloseable {
  static final long READY_TIMEOUT_MILLIS = 120_000;

  private final LocalNetwork network;
  private final Map<String, ApiClient> clients = new HashMap<>();
  private final Map<String, Genesis> genesis = new HashMap<>();

  private NodeProcesses(LocalNetwork network) {
    this.network = network;
  }

  static NodeProcesses create(Path directory, int nodes, int checkpointInterval) throws Exception {
    NetworkInit.Plan plan = FreePorts.loopbackPlan(nodes, checkpointInterval, 500);
    new NetworkInit(plan, directory).create();
    return new NodeProcesses(new LocalNetwork(directory));
  }

  Path directory() {
    return network.directory();
  }

  List<String> nodeIds() {
    return network.network().nodes().stream().map(NetworkInit.NodeEntry::nodeId).toList();
  }

  void startAll() throws IOException {
    for (String node : nodeIds()) {
      start(node);
    }
  }

  void start(String node) throws IOException {
    network.start(node, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
  }

  void kill(String node) {
    network.kill(node);
  }

  void stop(String node) {
    network.stop(node, 20_000);
  }

  boolean running(String node) {
    return network.running(node).isPresent();
  }

  /** Deletes the node's data directory (the node must be stopped). */
  void wipe(String node) throws IOException {
    assertTrue(!running(node), node + " must be stopped before its data is wiped");
    Path data = network.nodeDirectory(node).resolve("data");
    if (Files.exists(data)) {
      try (Stream<Path> paths = Files.walk(data)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  String log(String node) throws IOException {
    Path log = network.nodeDirectory(node).resolve("node.log");
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }

  /** The API of {@code node}, called as {@code department} (by default the data bureau). */
  NodeServiceGrpc.NodeServiceBlockingStub api(String node) throws IOException {
    return client(node).node(30_000);
  }

  ApiClient client(String node) throws IOException {
    ApiClient client = clients.get(node);
    if (client == null) {
      NetworkInit.NodeEntry entry = entry(node);
      client =
          new ApiClient(
              new HostPort(entry.host(), entry.grpcPort()),
              ClientCredentials.ofDepartment(directory(), "data-bureau"));
      clients.put(node, client);
    }
    return client;
  }

  NetworkInit.NodeEntry entry(String node) {
    return network.network().nodes().stream()
        .filter(e -> e.nodeId().equals(node))
        .findFirst()
        .orElseThrow();
  }

  /** The node's Prometheus exposition, scraped over HTTP. */
  String metrics(String node) throws IOException, InterruptedException {
    NetworkInit.NodeEntry entry = entry(node);
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://" + entry.host() + ":" + entry.metricsPort() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  NodeStatus status(String node) throws IOException {
    return client(node).node(5_000).getStatus(GetStatusRequest.getDefaultInstance());
  }

  ChainStatus chain(String node, String chainId) throws IOException {
    return status(node).getChainsList().stream()
        .filter(c -> c.getChainId().equals(chainId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(node + " does not host " + chainId));
  }

  /** Waits until every listed node answers and sees all its peers connected. */
  void awaitReady(List<String> nodes) throws Exception {
    for (String node : nodes) {
      await(
          node + " ready",
          () -> {
            try {
              NodeStatus status = status(node);
              return status.getChainsCount() == 5
                  && status.getPeersList().stream()
                      .filter(p -> nodes.contains(p.getNodeId()))
                      .allMatch(p -> p.getConnected());
            } catch (StatusRuntimeException | IOException e) {
              return false;
            }
          });
    }
  }

  /** Waits until {@code node}'s chain reaches {@code height}. */
  void awaitHeight(String node, String chainId, long height) throws Exception {
    await(
        node + " " + chainId + " at height " + height,
        () -> {
          try {
            return chain(node, chainId).getHeight() >= height;
          } catch (StatusRuntimeException | IOException e) {
            return false;
          }
        });
  }

  /**
   * Polls a condition of the external processes until it holds; fails with the node logs' tails.
   * Real processes have no clock to drive: this waits for an event, bounded by a deadline.
   */
  void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    StringBuilder logs = new StringBuilder();
    for (String node : nodeIds()) {
      String log = log(node);
      logs.append("\n--- ")
          .append(node)
          .append(" ---\n")
          .append(log.substring(Math.max(0, log.length() - 3000)));
    }
    fail("timed out waiting for " + what + logs);
  }

  Genesis genesis(String chainId) throws IOException {
    Genesis cached = genesis.get(chainId);
    if (cached == null) {
      try (InputStream in =
          Files.newInputStream(directory().resolve("genesis").resolve(chainId + ".genesis"))) {
        cached = Genesis.parseFrom(in);
      }
      genesis.put(chainId, cached);
    }
    return cached;
  }

  /**
   * The committed blocks 0..height of a chain as {@code node} serves them, each checked: hash link
   * to its parent, and a commit certificate with a quorum of valid validator signatures.
   */
  List<Hash> verifiedChain(String node, String chainId, long height) throws Exception {
    try (Context.CancellableContext context = Context.current().withCancellation()) {
      return context.call(() -> readVerifiedChain(node, chainId, height));
    }
  }

  private List<Hash> readVerifiedChain(String node, String chainId, long height) throws Exception {
    Genesis genesisBlock = genesis(chainId);
    CryptoSuite suite = CryptoSuite.of(SuiteId.fromProto(genesisBlock.getSuite()));
    ValidatorSet validators = ValidatorSet.fromProto(genesisBlock.getValidatorsList(), suite);
    ChainId id = ChainId.parse(chainId);
    List<Hash> hashes = new ArrayList<>();
    Iterator<CommittedBlock> stream =
        client(node)
            .node(30_000)
            .streamBlocks(
                StreamBlocksRequest.newBuilder().setChainId(chainId).setFromHeight(0).build());
    Hash previous = Hash.ZERO;
    for (long h = 0; h <= height; h++) {
      assertTrue(stream.hasNext(), node + " " + chainId + " stream ended before " + h);
      CommittedBlock committed = stream.next();
      assertEquals(h, committed.getBlock().getHeader().getHeight());
      Hash hash = Blocks.hash(suite, committed.getBlock().getHeader());
      assertEquals(hash.toByteString(), committed.getBlockHash(), "served block hash");
      assertEquals(
          previous.toByteString(),
          committed.getBlock().getHeader().getPreviousHash(),
          node + " " + chainId + " hash link at " + h);
      if (h > 0) {
        CertificateCheck check =
            CommitCertificates.verify(committed.getCertificate(), id, h, hash, validators, suite);
        assertTrue(check.accepted(), node + " " + chainId + " certificate at " + h + ": " + check);
      }
      hashes.add(hash);
      previous = hash;
    }
    return hashes;
  }

  @Override
  public void close() {
    for (ApiClient client : clients.values()) {
      client.close();
    }
    clients.clear();
    for (String node : nodeIds()) {
      network.stop(node, 10_000);
    }
  }
}
