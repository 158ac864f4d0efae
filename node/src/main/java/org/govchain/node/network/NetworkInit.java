package org.govchain.node.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.NodeId;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.KeyCodec;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.PublicKey;
import org.govchain.core.crypto.SuiteId;
import org.govchain.core.proto.ChainParams;
import org.govchain.core.proto.Genesis;
import org.govchain.core.proto.Transaction;
import org.govchain.core.proto.Validator;
import org.govchain.node.vault.VaultKey;
import org.govchain.p2p.tls.IssuedCertificate;
import org.govchain.p2p.tls.NetworkCertificates;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.Network;
import org.govchain.subchains.dataset.DataSet;
import org.govchain.subchains.dataset.DataSetException;
import org.govchain.subchains.dataset.DataSetLoader;
import org.govchain.subchains.genesis.GenesisContent;
import org.govchain.subchains.genesis.GenesisKeys;

/**
 * Creates a network from the bundled data set: signing keys for every department and terminal, the
 * network authority and TLS certificates, the genesis of the five chains (validators, suite,
 * initial content), and one configuration per node. The layout:
 *
 * <pre>
 * DIR/network.yaml                      what was created: network, suite, nodes and addresses
 * DIR/ca/ca.crt.pem, ca.key.pem          the network authority (keep ca.key.pem offline)
 * DIR/genesis/&lt;chain-id&gt;.genesis        the five genesis files (canonical protobuf)
 * DIR/departments/&lt;id&gt;/signing-key.pem  each department's signing key (+ .pub.pem)
 * DIR/departments/&lt;id&gt;/client.crt.pem   its API client certificate (+ client.key.pem)
 * DIR/terminals/&lt;id&gt;/signing-key.pem    each terminal's signing key (+ .pub.pem)
 * DIR/terminals/&lt;id&gt;/client.crt.pem      its TLS client certificate (+ client.key.pem)
 * DIR/nodes/&lt;id&gt;/node.yaml              a node's configuration; tls/ holds its certificate
 * DIR/nodes/&lt;id&gt;/vault.key              the node's vault key (0600; never leaves the node)
 * </pre>
 */
public final class NetworkInit {
  /** Departments that run nodes first, for a small network: the pesticide licence's path. */
  static final List<String> NODE_PREFERENCE =
      List.of(
          "data-bureau",
          "market-regulation",
          "agriculture",
          "public-security",
          "health",
          "civil-affairs",
          "exit-entry");

  public static final int MAX_NODES = 20;

  /** What to create. */
  public record Plan(
      String network,
      SuiteId suite,
      int departments,
      String host,
      int p2pBasePort,
      int grpcBasePort,
      int metricsBasePort,
      int checkpointInterval,
      int maxBlockTransactions) {
    public Plan {
      if (departments < 1 || departments > MAX_NODES) {
        throw new IllegalArgumentException(
            "--departments must be 1.." + MAX_NODES + ", got " + departments);
      }
    }

    public static Plan local(int departments) {
      return new Plan("haidian", SuiteId.SM, departments, "127.0.0.1", 7100, 9100, 9300, 64, 1_000);
    }
  }

  /** A node of the created network. */
  public record NodeEntry(String nodeId, String host, int p2pPort, int grpcPort, int metricsPort) {}

  private final Plan plan;
  private final Path out;
  private final SecureRandom random = new SecureRandom();

  public NetworkInit(Plan plan, Path out) {
    this.plan = plan;
    this.out = out;
  }

  /** Creates the network; refuses a directory that already holds one. */
  public List<NodeEntry> create() throws IOException, NetworkInitException {
    if (Files.exists(out.resolve(NetworkFile.NAME))) {
      throw new NetworkInitException(
          out + " already holds a network (" + NetworkFile.NAME + "); choose another directory");
    }
    DataSet data = loadData();
    CryptoSuite suite = CryptoSuite.of(plan.suite());
    Network network = network();
    Instant now = Instant.now();
    Map<String, KeyPair> departmentKeys =
        keys(data.departments().stream().map(DataSet.Department::nodeId).toList(), suite);
    Map<String, KeyPair> terminalKeys =
        keys(data.terminals().stream().map(DataSet.Terminal::terminalId).toList(), suite);
    List<String> nodes = chooseNodes(data);
    IssuedCertificate authority =
        NetworkCertificates.createAuthority(network.name(), now, Duration.ofDays(3650), random);
    writeAuthority(authority);
    Map<String, IssuedCertificate> nodeCertificates = new LinkedHashMap<>();
    for (String node : nodes) {
      nodeCertificates.put(
          node,
          NetworkCertificates.issueNodeCertificate(
              authority,
              new NodeId(node),
              List.of(plan.host(), "localhost"),
              now,
              Duration.ofDays(3650),
              random));
    }
    writeDepartments(departmentKeys, authority, now);
    writeKeys(out.resolve("terminals"), terminalKeys);
    writeClientCertificates(out.resolve("terminals"), terminalKeys, authority, now);
    List<Validator> validators = validators(nodes, departmentKeys, nodeCertificates);
    Map<ChainKind, List<Transaction>> content =
        content(data, network, suite, departmentKeys, terminalKeys, now);
    List<String> genesisFiles = writeGenesis(network, suite, validators, content, now);
    List<NodeEntry> entries = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      entries.add(
          new NodeEntry(
              nodes.get(i),
              plan.host(),
              plan.p2pBasePort() + i,
              plan.grpcBasePort() + i,
              plan.metricsBasePort() + i));
    }
    Map<String, String> vaultHosts = vaultHosts(data, nodes);
    for (NodeEntry entry : entries) {
      writeNode(entry, entries, nodeCertificates.get(entry.nodeId()), genesisFiles, vaultHosts);
    }
    NetworkFile.write(out, new NetworkFile(network.name(), plan.suite().name(), entries));
    return entries;
  }

  private DataSet loadData() throws NetworkInitException {
    try {
      return DataSetLoader.bundled();
    } catch (DataSetException e) {
      throw new NetworkInitException("the bundled data set does not load: " + e.getMessage());
    }
  }

  private Network network() throws NetworkInitException {
    try {
      return Network.parse(plan.network());
    } catch (MalformedInputException e) {
      throw new NetworkInitException("--network: " + e.getMessage());
    }
  }

  private Map<String, KeyPair> keys(List<String> names, CryptoSuite suite) {
    Map<String, KeyPair> keys = new LinkedHashMap<>();
    for (String name : names) {
      keys.put(name, suite.generateKeyPair(random));
    }
    return keys;
  }

  private List<String> chooseNodes(DataSet data) {
    List<String> order = new ArrayList<>(NODE_PREFERENCE);
    for (DataSet.Department department : data.departments()) {
      if (!order.contains(department.nodeId())) {
        order.add(department.nodeId());
      }
    }
    return List.copyOf(order.subList(0, plan.departments()));
  }

  private List<Validator> validators(
      List<String> nodes, Map<String, KeyPair> keys, Map<String, IssuedCertificate> certificates) {
    List<Validator> validators = new ArrayList<>();
    for (String node : nodes) {
      validators.add(
          Validator.newBuilder()
              .setNodeId(node)
              .setPublicKey(keys.get(node).publicKey().toByteString())
              .setTlsCertificateSha256(certificates.get(node).sha256().toByteString())
              .build());
    }
    return validators;
  }

  private Map<ChainKind, List<Transaction>> content(
      DataSet data,
      Network network,
      CryptoSuite suite,
      Map<String, KeyPair> departments,
      Map<String, KeyPair> terminals,
      Instant now)
      throws NetworkInitException {
    Map<String, PublicKey> departmentPublic = new LinkedHashMap<>();
    departments.forEach((name, pair) -> departmentPublic.put(name, pair.publicKey()));
    Map<String, PublicKey> terminalPublic = new LinkedHashMap<>();
    terminals.forEach((name, pair) -> terminalPublic.put(name, pair.publicKey()));
    GenesisKeys keys =
        new GenesisKeys(
            departments.get(data.dataBureau().nodeId()).privateKey(),
            departmentPublic,
            terminalPublic);
    try {
      return new GenesisContent(network, suite, keys, now.toEpochMilli()).generate(data);
    } catch (MalformedInputException e) {
      throw new NetworkInitException("genesis content: " + e.getMessage());
    }
  }

  private List<String> writeGenesis(
      Network network,
      CryptoSuite suite,
      List<Validator> validators,
      Map<ChainKind, List<Transaction>> content,
      Instant now)
      throws IOException {
    Path directory = Files.createDirectories(out.resolve("genesis"));
    List<String> files = new ArrayList<>();
    for (ChainKind kind : ChainKind.GENESIS_ORDER) {
      Genesis genesis =
          Genesis.newBuilder()
              .setChainId(network.chainId(kind).value())
              .setSuite(suite.id().toProto())
              .setTimestampMillis(now.toEpochMilli())
              .addAllValidators(validators)
              .setParams(
                  ChainParams.newBuilder()
                      .setCheckpointInterval(plan.checkpointInterval())
                      .setMaxBlockTransactions(plan.maxBlockTransactions())
                      .setMaxTransactionBytes(256 * 1024))
              .addAllTransactions(content.get(kind))
              .build();
      String name = network.chainId(kind).value() + ".genesis";
      Files.write(directory.resolve(name), Canonical.encode(genesis));
      Files.writeString(
          directory.resolve(network.chainId(kind).value() + ".hash"),
          Blocks.genesisHash(suite, genesis).toHex() + "\n");
      files.add(name);
    }
    return files;
  }

  private void writeAuthority(IssuedCertificate authority) throws IOException {
    Path directory = Files.createDirectories(out.resolve("ca"));
    Files.writeString(directory.resolve("ca.crt.pem"), authority.certificatePem());
    writeSecret(directory.resolve("ca.key.pem"), authority.privateKeyPem());
  }

  private void writeDepartments(Map<String, KeyPair> keys, IssuedCertificate authority, Instant now)
      throws IOException {
    Path root = out.resolve("departments");
    writeKeys(root, keys);
    writeClientCertificates(root, keys, authority, now);
  }

  /**
   * A TLS client certificate per principal (department or terminal) naming it, for calling nodes'
   * APIs: a node serves a kiosk pull only to the terminal the certificate names.
   */
  private void writeClientCertificates(
      Path root, Map<String, KeyPair> principals, IssuedCertificate authority, Instant now)
      throws IOException {
    for (String principal : principals.keySet()) {
      IssuedCertificate client =
          NetworkCertificates.issueNodeCertificate(
              authority, new NodeId(principal), List.of(), now, Duration.ofDays(3650), random);
      Files.writeString(root.resolve(principal).resolve("client.crt.pem"), client.certificatePem());
      writeSecret(root.resolve(principal).resolve("client.key.pem"), client.privateKeyPem());
    }
  }

  private void writeKeys(Path root, Map<String, KeyPair> keys) throws IOException {
    for (Map.Entry<String, KeyPair> entry : keys.entrySet()) {
      Path directory = Files.createDirectories(root.resolve(entry.getKey()));
      writeSecret(
          directory.resolve("signing-key.pem"),
          KeyCodec.privateKeyToPem(entry.getValue().privateKey()));
      Files.writeString(
          directory.resolve("signing-key.pub.pem"),
          KeyCodec.publicKeyToPem(entry.getValue().publicKey()));
    }
  }

  /**
   * Which node keeps each department's vault: its own node if it runs one, else the data bureau's
   * (or, in a network without it, the first node's).
   */
  private static Map<String, String> vaultHosts(DataSet data, List<String> nodes) {
    String fallback = nodes.contains("data-bureau") ? "data-bureau" : nodes.get(0);
    Map<String, String> hosts = new java.util.TreeMap<>();
    for (DataSet.Department department : data.departments()) {
      hosts.put(
          department.code(), nodes.contains(department.nodeId()) ? department.nodeId() : fallback);
    }
    return hosts;
  }

  private void writeNode(
      NodeEntry entry,
      List<NodeEntry> all,
      IssuedCertificate certificate,
      List<String> genesisFiles,
      Map<String, String> vaultHosts)
      throws IOException {
    Path directory = Files.createDirectories(out.resolve("nodes").resolve(entry.nodeId()));
    Path tls = Files.createDirectories(directory.resolve("tls"));
    Files.writeString(tls.resolve("node.crt.pem"), certificate.certificatePem());
    writeSecret(tls.resolve("node.key.pem"), certificate.privateKeyPem());
    writeSecret(directory.resolve(VaultKey.FILE_NAME), VaultKey.generate(random).toFileText());
    StringBuilder yaml = new StringBuilder();
    yaml.append("# govchain node ")
        .append(entry.nodeId())
        .append(" of network ")
        .append(plan.network())
        .append('\n');
    yaml.append("node-id: ").append(entry.nodeId()).append('\n');
    yaml.append("network: ").append(plan.network()).append('\n');
    yaml.append("data-dir: data\n");
    yaml.append("signing-key: ../../departments/")
        .append(entry.nodeId())
        .append("/signing-key.pem\n");
    yaml.append(
        "tls:\n  certificate: tls/node.crt.pem\n  key: tls/node.key.pem\n  authority: ../../ca/ca.crt.pem\n");
    yaml.append("listen:\n");
    yaml.append("  p2p: ").append(entry.host()).append(':').append(entry.p2pPort()).append('\n');
    yaml.append("  grpc: ").append(entry.host()).append(':').append(entry.grpcPort()).append('\n');
    yaml.append("  metrics: ")
        .append(entry.host())
        .append(':')
        .append(entry.metricsPort())
        .append('\n');
    yaml.append("peers:\n");
    for (NodeEntry peer : all) {
      if (!peer.nodeId().equals(entry.nodeId())) {
        yaml.append("  ")
            .append(peer.nodeId())
            .append(": ")
            .append(peer.host())
            .append(':')
            .append(peer.p2pPort())
            .append('\n');
      }
    }
    yaml.append("genesis:\n");
    for (String file : genesisFiles) {
      yaml.append("  - ../../genesis/").append(file).append('\n');
    }
    yaml.append("vault:\n  key: ").append(VaultKey.FILE_NAME).append("\n  departments:\n");
    vaultHosts.forEach(
        (code, host) -> {
          if (host.equals(entry.nodeId())) {
            yaml.append("    - ").append(code).append('\n');
          }
        });
    yaml.append("vault-hosts:\n");
    vaultHosts.forEach(
        (code, host) -> yaml.append("  ").append(code).append(": ").append(host).append('\n'));
    Files.writeString(directory.resolve("node.yaml"), yaml.toString(), StandardCharsets.UTF_8);
  }

  /** Writes a secret readable by its owner only (where the file system has POSIX permissions). */
  static void writeSecret(Path file, String text) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII);
  }
}
