package org.govchain.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.govchain.core.chain.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
  @TempDir Path dir;

  private static final String VALID =
      """
      node-id: data-bureau
      network: haidian
      data-dir: data
      signing-key: keys/signing-key.pem
      tls:
        certificate: tls/node.crt.pem
        key: tls/node.key.pem
        authority: ca.crt.pem
      listen:
        p2p: 127.0.0.1:7100
        grpc: 127.0.0.1:9100
        metrics: 127.0.0.1:9300
      peers:
        agriculture: 127.0.0.1:7101
      genesis:
        - haidian-license.genesis
      """;

  @BeforeEach
  void files() throws IOException {
    for (String file :
        new String[] {
          "keys/signing-key.pem",
          "tls/node.crt.pem",
          "tls/node.key.pem",
          "ca.crt.pem",
          "haidian-license.genesis"
        }) {
      Path path = dir.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, "x");
    }
  }

  private NodeConfig parse(String yaml) throws ConfigException {
    return NodeConfigLoader.parse(yaml, dir, "node.yaml");
  }

  private String refused(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void aValidFileResolvesPathsAgainstItsDirectoryAndAppliesDefaultLimits() throws Exception {
    NodeConfig config = parse(VALID);
    assertEquals(new NodeId("data-bureau"), config.nodeId());
    assertEquals("haidian", config.network());
    assertEquals(dir.resolve("data").toAbsolutePath(), config.dataDirectory());
    assertEquals(dir.resolve("keys/signing-key.pem").toAbsolutePath(), config.signingKey());
    assertEquals(new HostPort("127.0.0.1", 7101), config.peers().get(new NodeId("agriculture")));
    assertEquals(9100, config.listen().grpc().port());
    assertEquals(NodeConfig.Limits.defaults(), config.limits());
  }

  @Test
  void anUnknownFieldIsRefusedByNameWithTheKnownOnes() {
    String message = refused(VALID + "mempol: 5\n");
    assertTrue(message.contains("unknown field 'mempol'"), message);
    assertTrue(message.contains("genesis"), message);
  }

  @Test
  void aMissingFieldIsNamed() {
    String message = refused(VALID.replace("network: haidian\n", ""));
    assertTrue(message.contains("network"), message);
  }

  @Test
  void aMissingFileIsNamed() {
    String message = refused(VALID.replace("keys/signing-key.pem", "keys/absent.pem"));
    assertTrue(message.contains("signing-key"), message);
    assertTrue(message.contains("absent.pem"), message);
  }

  @Test
  void aBadAddressIsNamed() {
    String message = refused(VALID.replace("grpc: 127.0.0.1:9100", "grpc: 127.0.0.1:99999"));
    assertTrue(message.contains("listen.grpc"), message);
  }

  @Test
  void aWrongTypeIsNamed() {
    String message = refused(VALID + "limits:\n  tick-millis: soon\n");
    assertTrue(message.contains("limits.tick-millis"), message);
  }

  @Test
  void anOutOfRangeLimitIsNamed() {
    String message = refused(VALID + "limits:\n  mempool-transactions: 0\n");
    assertTrue(message.contains("mempool-transactions"), message);
  }

  @Test
  void theTreeNodeCacheIsSetOrRefusedByName() throws Exception {
    String message = refused(VALID + "limits:\n  tree-node-cache: -1\n");
    assertTrue(message.contains("limits.tree-node-cache"), message);
    assertEquals(
        40_000,
        parse(VALID + "limits:\n  tree-node-cache: 40000\n").limits().treeNodeCacheEntries());
  }

  @Test
  void aBadNetworkNameIsRefused() {
    String message = refused(VALID.replace("network: haidian", "network: Hai Dian"));
    assertTrue(message.contains("network"), message);
  }

  @Test
  void notYamlAndEmptyAreRefused() {
    assertTrue(refused("node-id: [unclosed").contains("node.yaml"));
    assertTrue(refused("").contains("empty"));
  }

  @Test
  void anOversizeFileIsRefusedBeforeItIsRead() throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[(int) NodeConfigLoader.MAX_FILE_BYTES + 1]);
    String message =
        assertThrows(ConfigException.class, () -> NodeConfigLoader.load(big)).getMessage();
    assertTrue(message.contains("at most 1 MiB"), message);
    assertTrue(
        assertThrows(ConfigException.class, () -> NodeConfigLoader.load(dir.resolve("none.yaml")))
            .getMessage()
            .contains("no such file"));
  }
}
