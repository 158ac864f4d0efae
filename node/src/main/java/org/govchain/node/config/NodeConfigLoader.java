package org.govchain.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.NodeId;

/**
 * Reads and validates a node's YAML configuration. Unknown fields are refused (a misspelt option
 * must not be silently ignored); every error names the file and the field.
 *
 * <pre>
 * node-id: market-regulation
 * network: haidian
 * data-dir: data
 * signing-key: keys/signing-key.pem
 * tls: {certificate: tls/node.crt.pem, key: tls/node.key.pem, authority: ../ca/ca.crt.pem}
 * listen: {p2p: 127.0.0.1:7101, grpc: 127.0.0.1:9101, metrics: 127.0.0.1:9201}
 * peers: {data-bureau: 127.0.0.1:7100}
 * genesis: [../genesis/haidian-identity.genesis, ...]
 * limits: {tick-millis: 10}   # every limit is optional
 * </pre>
 */
public final class NodeConfigLoader {
  /** A configuration file is small; anything larger is a mistake. */
  public static final long MAX_FILE_BYTES = 1024 * 1024;

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private NodeConfigLoader() {}

  // The file's shape, as Jackson reads it; validated and converted into NodeConfig below.
  record FileTls(
      @JsonProperty("certificate") String certificate,
      @JsonProperty("key") String key,
      @JsonProperty("authority") String authority) {}

  record FileListen(
      @JsonProperty("p2p") String p2p,
      @JsonProperty("grpc") String grpc,
      @JsonProperty("metrics") String metrics) {}

  record FileLimits(
      @JsonProperty("tick-millis") Long tickMillis,
      @JsonProperty("mempool-transactions") Integer mempoolTransactions,
      @JsonProperty("mempool-per-submitter") Integer mempoolPerSubmitter,
      @JsonProperty("verify-queue") Integer verifyQueue,
      @JsonProperty("consensus-queue") Integer consensusQueue,
      @JsonProperty("grpc-message-bytes") Integer grpcMessageBytes,
      @JsonProperty("submit-wait-millis") Long submitWaitMillis,
      @JsonProperty("stream-buffer-blocks") Integer streamBufferBlocks,
      @JsonProperty("tree-node-cache") Integer treeNodeCache) {}

  record FileConfig(
      @JsonProperty("node-id") String nodeId,
      @JsonProperty("network") String network,
      @JsonProperty("data-dir") String dataDir,
      @JsonProperty("signing-key") String signingKey,
      @JsonProperty("tls") FileTls tls,
      @JsonProperty("listen") FileListen listen,
      @JsonProperty("peers") Map<String, String> peers,
      @JsonProperty("genesis") List<String> genesis,
      @JsonProperty("limits") FileLimits limits,
      @JsonProperty("vault") FileVault vault,
      @JsonProperty("vault-hosts") Map<String, String> vaultHosts) {}

  private record FileVault(
      @JsonProperty("key") String key, @JsonProperty("departments") List<String> departments) {}

  public static NodeConfig load(Path file) throws ConfigException {
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ConfigException(file + ": " + size + " bytes; a configuration is at most 1 MiB");
      }
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file.toAbsolutePath().getParent(), file.toString());
  }

  /** Parses YAML text; relative paths are resolved against {@code base}. */
  public static NodeConfig parse(String text, Path base, String source) throws ConfigException {
    if (text.isBlank()) {
      throw new ConfigException(source + ": the file is empty");
    }
    FileConfig raw;
    try {
      raw = YAML.readValue(text, FileConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          source + ": unknown field '" + path(e) + "' (known: " + known(e) + ")");
    } catch (JsonMappingException e) {
      throw new ConfigException(source + ": field '" + path(e) + "': " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage());
    }
    if (raw == null) {
      throw new ConfigException(source + ": the file is empty");
    }
    return new Validator(source, base).validate(raw);
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String known(UnrecognizedPropertyException e) {
    return e.getKnownPropertyIds().stream()
        .map(String::valueOf)
        .sorted()
        .collect(Collectors.joining(", "));
  }

  /** Field-by-field checks with messages that name the field. */
  private static final class Validator {
    private final String source;
    private final Path base;

    Validator(String source, Path base) {
      this.source = source;
      this.base = base;
    }

    NodeConfig validate(FileConfig raw) throws ConfigException {
      NodeId nodeId = nodeId("node-id", required("node-id", raw.nodeId()));
      String network = required("network", raw.network());
      if (!network.matches("[a-z][a-z0-9-]{0,54}")) {
        throw error("network", "'" + network + "' must be lower-case letters, digits and '-'");
      }
      FileTls tls = required("tls", raw.tls());
      FileListen listen = required("listen", raw.listen());
      List<String> genesis = required("genesis", raw.genesis());
      if (genesis.isEmpty()) {
        throw error("genesis", "name at least one chain's genesis file");
      }
      List<Path> genesisFiles = new ArrayList<>();
      for (int i = 0; i < genesis.size(); i++) {
        genesisFiles.add(existingFile("genesis[" + i + "]", genesis.get(i)));
      }
      return new NodeConfig(
          nodeId,
          network,
          directory("data-dir", required("data-dir", raw.dataDir())),
          existingFile("signing-key", required("signing-key", raw.signingKey())),
          new NodeConfig.Tls(
              existingFile("tls.certificate", required("tls.certificate", tls.certificate())),
              existingFile("tls.key", required("tls.key", tls.key())),
              existingFile("tls.authority", required("tls.authority", tls.authority()))),
          new NodeConfig.Listen(
              address("listen.p2p", required("listen.p2p", listen.p2p())),
              address("listen.grpc", required("listen.grpc", listen.grpc())),
              address("listen.metrics", required("listen.metrics", listen.metrics()))),
          peers(raw.peers() == null ? Map.of() : raw.peers(), nodeId),
          genesisFiles,
          limits(raw.limits()),
          vault(raw.vault()),
          vaultHosts(raw.vaultHosts() == null ? Map.of() : raw.vaultHosts()));
    }

    private java.util.Optional<NodeConfig.Vault> vault(FileVault raw) throws ConfigException {
      if (raw == null) {
        return java.util.Optional.empty();
      }
      List<String> departments = required("vault.departments", raw.departments());
      if (departments.isEmpty() || departments.size() > 256) {
        throw error("vault.departments", "name 1..256 departments (credit codes)");
      }
      for (String code : departments) {
        if (!code.matches("[0-9A-Z]{18}")) {
          throw error("vault.departments", "'" + code + "' is not an 18-character credit code");
        }
      }
      return java.util.Optional.of(
          new NodeConfig.Vault(
              existingFile("vault.key", required("vault.key", raw.key())),
              new java.util.TreeSet<>(departments)));
    }

    private Map<String, NodeId> vaultHosts(Map<String, String> raw) throws ConfigException {
      Map<String, NodeId> out = new LinkedHashMap<>();
      for (Map.Entry<String, String> entry : raw.entrySet()) {
        String field = "vault-hosts." + entry.getKey();
        if (!entry.getKey().matches("[0-9A-Z]{18}")) {
          throw error(field, "'" + entry.getKey() + "' is not an 18-character credit code");
        }
        out.put(entry.getKey(), nodeId(field, required(field, entry.getValue())));
      }
      return out;
    }

    private Map<NodeId, HostPort> peers(Map<String, String> raw, NodeId self)
        throws ConfigException {
      Map<NodeId, HostPort> out = new LinkedHashMap<>();
      for (Map.Entry<String, String> entry : raw.entrySet()) {
        String field = "peers." + entry.getKey();
        NodeId peer = nodeId(field, entry.getKey());
        if (peer.equals(self)) {
          throw error(field, "a node is not its own peer");
        }
        out.put(peer, address(field, required(field, entry.getValue())));
      }
      return out;
    }

    private NodeConfig.Limits limits(FileLimits raw) throws ConfigException {
      NodeConfig.Limits d = NodeConfig.Limits.defaults();
      if (raw == null) {
        return d;
      }
      return new NodeConfig.Limits(
          between("limits.tick-millis", raw.tickMillis(), d.tickMillis(), 1, 1_000),
          (int)
              between(
                  "limits.mempool-transactions",
                  raw.mempoolTransactions(),
                  d.mempoolTransactions(),
                  1,
                  10_000_000),
          (int)
              between(
                  "limits.mempool-per-submitter",
                  raw.mempoolPerSubmitter(),
                  d.mempoolPerSubmitter(),
                  1,
                  1_000_000),
          (int) between("limits.verify-queue", raw.verifyQueue(), d.verifyQueue(), 1, 10_000_000),
          (int)
              between(
                  "limits.consensus-queue",
                  raw.consensusQueue(),
                  d.consensusQueue(),
                  16,
                  10_000_000),
          (int)
              between(
                  "limits.grpc-message-bytes",
                  raw.grpcMessageBytes(),
                  d.grpcMessageBytes(),
                  64 * 1024,
                  64 * 1024 * 1024),
          between(
              "limits.submit-wait-millis",
              raw.submitWaitMillis(),
              d.submitWaitMillis(),
              1,
              3_600_000),
          (int)
              between(
                  "limits.stream-buffer-blocks",
                  raw.streamBufferBlocks(),
                  d.streamBufferBlocks(),
                  1,
                  100_000),
          (int)
              between(
                  "limits.tree-node-cache",
                  raw.treeNodeCache(),
                  d.treeNodeCacheEntries(),
                  0,
                  10_000_000));
    }

    private long between(String field, Number value, long fallback, long min, long max)
        throws ConfigException {
      long chosen = value == null ? fallback : value.longValue();
      if (chosen < min || chosen > max) {
        throw error(field, chosen + " is outside [" + min + ", " + max + "]");
      }
      return chosen;
    }

    private <T> T required(String field, T value) throws ConfigException {
      if (value == null || (value instanceof String text && text.isBlank())) {
        throw error(field, "is required");
      }
      return value;
    }

    private NodeId nodeId(String field, String text) throws ConfigException {
      try {
        return NodeId.parse(text);
      } catch (MalformedInputException e) {
        throw error(field, e.getMessage());
      }
    }

    private HostPort address(String field, String text) throws ConfigException {
      try {
        return HostPort.parse(text);
      } catch (IllegalArgumentException e) {
        throw error(field, e.getMessage());
      }
    }

    private Path resolve(String text) {
      return base.resolve(text).normalize();
    }

    private Path existingFile(String field, String text) throws ConfigException {
      Path path = resolve(text);
      if (!Files.isRegularFile(path)) {
        throw error(field, path + " is not a readable file");
      }
      return path;
    }

    private Path directory(String field, String text) throws ConfigException {
      Path path = resolve(text);
      if (Files.exists(path) && !Files.isDirectory(path)) {
        throw error(field, path + " exists and is not a directory");
      }
      return path;
    }

    private ConfigException error(String field, String problem) {
      return new ConfigException(source + ": field '" + field + "': " + problem);
    }
  }
}
