package org.govchain.node.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.govchain.core.crypto.SuiteId;
import org.govchain.node.network.NetworkInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultKeyTest {
  @TempDir Path directory;

  private Path write(String name, String text, String permissions) throws Exception {
    Path file = directory.resolve(name);
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void aKeyFileRoundTripsAndDerivesTheDocumentedCipherKeys() throws Exception {
    VaultKey key = VaultKey.generate(new SecureRandom());
    Path file = write("vault.key", key.toFileText(), "rw-------");
    VaultKey loaded = VaultKey.load(file);
    String hex = key.toFileText().strip();
    // AES-256-GCM key = HMAC-SHA-256(master, "govchain/v1/vault-key" || 0 || "AES-256-GCM"),
    // recomputed with the JDK's own HMAC.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HexFormat.of().parseHex(hex), "HmacSHA256"));
    byte[] expected =
        mac.doFinal("govchain/v1/vault-key\0AES-256-GCM".getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        HexFormat.of().formatHex(expected),
        HexFormat.of().formatHex(loaded.derive(VaultCipher.Algorithm.AES_256_GCM)));
    assertEquals(16, loaded.derive(VaultCipher.Algorithm.SM4_GCM).length);
    assertEquals(SuiteId.SM, VaultCipher.Algorithm.SM4_GCM.suite());
    assertEquals("VaultKey[not shown]", loaded.toString());
  }

  @Test
  void aKeyReadableByOthersIsRefused() throws Exception {
    String text = VaultKey.generate(new SecureRandom()).toFileText();
    for (String permissions : List.of("rw-r--r--", "rw-rw----", "rwx------", "rw----r--")) {
      Path file = write("open-" + permissions.replace('-', '_'), text, permissions);
      VaultKeyException e = assertThrows(VaultKeyException.class, () -> VaultKey.load(file));
      assertTrue(e.getMessage().contains("too open"), e.getMessage());
      assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }
    VaultKey.load(write("read-only", text, "r--------"));
  }

  @Test
  void aKeyOfTheWrongFormIsRefusedWithItsLength() throws Exception {
    String good = VaultKey.generate(new SecureRandom()).toFileText().strip();
    VaultKeyException shortKey =
        assertThrows(
            VaultKeyException.class,
            () -> VaultKey.load(write("short", good.substring(2) + "\n", "rw-------")));
    assertTrue(shortKey.getMessage().contains("found 62 characters"), shortKey.getMessage());
    VaultKeyException longKey =
        assertThrows(
            VaultKeyException.class,
            () -> VaultKey.load(write("long", good + "00\n", "rw-------")));
    assertTrue(longKey.getMessage().contains("64 hexadecimal characters"), longKey.getMessage());
    VaultKeyException notHex =
        assertThrows(
            VaultKeyException.class,
            () -> VaultKey.load(write("nothex", "zz" + good.substring(2), "rw-------")));
    assertTrue(notHex.getMessage().contains("not hexadecimal"), notHex.getMessage());
    assertThrows(
        VaultKeyException.class, () -> VaultKey.load(write("huge", good.repeat(100), "rw-------")));
    VaultKeyException missing =
        assertThrows(VaultKeyException.class, () -> VaultKey.load(directory.resolve("absent")));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    Path target = write("target", good, "rw-------");
    Path link = Files.createSymbolicLink(directory.resolve("link"), target);
    VaultKeyException linked = assertThrows(VaultKeyException.class, () -> VaultKey.load(link));
    assertTrue(linked.getMessage().contains("not a regular file"), linked.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VaultKey.of(new byte[16]));
  }

  @Test
  void networkInitWritesOneOwnerOnlyKeyPerNode() throws Exception {
    Path out = directory.resolve("net");
    List<NetworkInit.NodeEntry> nodes = new NetworkInit(NetworkInit.Plan.local(2), out).create();
    assertEquals(2, nodes.size());
    String first = null;
    for (NetworkInit.NodeEntry node : nodes) {
      Path file = out.resolve("nodes").resolve(node.nodeId()).resolve(VaultKey.FILE_NAME);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      VaultKey.load(file);
      String text = Files.readString(file);
      assertTrue(!text.equals(first), "each node has its own key");
      first = text;
    }
  }
}
