package org.govchain.node.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** The vault's ciphers against published vectors, and what the AAD binds. */
class VaultCipherTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] hex(String text) {
    return HEX.parseHex(text.toLowerCase());
  }

  @Test
  void sm4MatchesTheStandardsExample() {
    // GB/T 32907-2016 appendix A: example 1 (one block) and example 2 (1,000,000 encryptions).
    byte[] key = hex("0123456789abcdeffedcba9876543210");
    BlockCipher engine = VaultCipher.Algorithm.SM4_GCM.newEngine();
    engine.init(true, new KeyParameter(key));
    byte[] block = key.clone();
    engine.processBlock(block, 0, block, 0);
    assertEquals("681edf34d206965e86b3e94f536e4246", HEX.formatHex(block));
    block = key.clone();
    for (int i = 0; i < 1_000_000; i++) {
      engine.processBlock(block, 0, block, 0);
    }
    assertEquals("595298c7c6fd271f0402f804c33d3f66", HEX.formatHex(block));
  }

  @Test
  void sm4GcmMatchesRfc8998() {
    // RFC 8998 appendix A.1 (AEAD_SM4_GCM).
    VaultCipher cipher =
        new VaultCipher(VaultCipher.Algorithm.SM4_GCM, hex("0123456789ABCDEFFEDCBA9876543210"));
    byte[] nonce = hex("00001234567800000000ABCD");
    byte[] aad = hex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
    byte[] plaintext =
        hex(
            "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
    String expected =
        ("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
                + "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
                + "83DE3541E4C2B58177E065A9BF7B62EC")
            .toLowerCase();
    byte[] sealed = cipher.seal(nonce, plaintext, aad);
    assertEquals(expected, HEX.formatHex(sealed));
    assertArrayEquals(plaintext, cipher.open(nonce, sealed, aad).orElseThrow());
    for (int index : List.of(0, 63, 64, 79)) {
      byte[] damaged = sealed.clone();
      damaged[index] ^= 1;
      assertTrue(cipher.open(nonce, damaged, aad).isEmpty(), "byte " + index);
    }
    byte[] otherAad = aad.clone();
    otherAad[0] ^= 1;
    assertTrue(cipher.open(nonce, sealed, otherAad).isEmpty());
  }

  @Test
  void aes256GcmMatchesTheGcmSpecification() {
    // McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13 and 14 (256-bit key).
    VaultCipher cipher = new VaultCipher(VaultCipher.Algorithm.AES_256_GCM, new byte[32]);
    byte[] nonce = new byte[12];
    assertEquals(
        "530f8afbc74536b9a963b4f1c4cb738b",
        HEX.formatHex(cipher.seal(nonce, new byte[0], new byte[0])));
    assertEquals(
        "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919",
        HEX.formatHex(cipher.seal(nonce, new byte[16], new byte[0])));
  }

  @Test
  void theAadBindsEveryPartOfARecordsPlace() {
    VaultCipher cipher = new VaultCipher(VaultCipher.Algorithm.SM4_GCM, new byte[16]);
    byte[] nonce = new byte[12];
    int sm4 = VaultCipher.Algorithm.SM4_GCM.id();
    byte[] aad = VaultRecords.itemAad(sm4, "dept", "licence", "name");
    byte[] sealed = cipher.seal(nonce, new byte[40], aad);
    List<byte[]> elsewhere =
        List.of(
            VaultRecords.itemAad(sm4, "dep", "tlicence", "name"),
            VaultRecords.itemAad(sm4, "other", "licence", "name"),
            VaultRecords.itemAad(sm4, "dept", "licence2", "name"),
            VaultRecords.itemAad(sm4, "dept", "licence", "sex"),
            VaultRecords.itemAad(VaultCipher.Algorithm.AES_256_GCM.id(), "dept", "licence", "name"),
            VaultRecords.checkAad(sm4));
    for (byte[] other : elsewhere) {
      assertTrue(cipher.open(nonce, sealed, other).isEmpty());
    }
    assertTrue(cipher.open(nonce, sealed, aad).isPresent());
  }
}
