package org.govchain.subchains.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.govchain.core.chain.Domain;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.Signature;
import org.govchain.subchains.proto.HolderCodeType;
import org.govchain.subchains.proto.ItemCommitment;
import org.govchain.subchains.proto.LicenseContent;
import org.govchain.subchains.testing.TestNetwork;
import org.junit.jupiter.api.Test;

class PrivacyConstructionsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final ByteString SALT = ByteString.copyFrom(new byte[32]);

  @Test
  void hmacSha256MatchesRfc4231() {
    byte[] key = new byte[20];
    Arrays.fill(key, (byte) 0x0b);
    assertEquals(
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        Hmac.mac(CryptoSuite.intl(), key, ascii("Hi There")).toHex());
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        Hmac.mac(CryptoSuite.intl(), ascii("Jefe"), ascii("what do ya want for nothing?")).toHex());
    // Test case 6: a key longer than the block is hashed first.
    byte[] longKey = new byte[131];
    Arrays.fill(longKey, (byte) 0xaa);
    assertEquals(
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        Hmac.mac(
                CryptoSuite.intl(),
                longKey,
                ascii("Test Using Larger Than Block-Size Key - Hash Key First"))
            .toHex());
  }

  @Test
  void hmacSm3AgreesWithAnIndependentImplementation() {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 50; round++) {
      byte[] key = new byte[random.nextInt(1, 100)];
      byte[] message = new byte[random.nextInt(0, 300)];
      random.nextBytes(key);
      random.nextBytes(message);
      HMac reference = new HMac(new SM3Digest());
      reference.init(new KeyParameter(key));
      reference.update(message, 0, message.length);
      byte[] expected = new byte[32];
      reference.doFinal(expected, 0);
      assertEquals(HEX.formatHex(expected), Hmac.mac(CryptoSuite.sm(), key, message).toHex());
    }
  }

  @Test
  void holderHashesAreKeyedAndTypedAndPinned() {
    HolderKey key = TestNetwork.HOLDER_KEY;
    Hash hash =
        key.holderHash(CryptoSuite.sm(), HolderCodeType.CITIZEN_ID_NUMBER, "11010519491231002X");
    // Golden value: a client in another language must reproduce it (docs/subchains.md).
    assertEquals(
        Hmac.mac(
            CryptoSuite.sm(),
            ascii("govchain test holder-code key 32"),
            concat(
                ascii("govchain/v1/holder-code"), new byte[] {0, 1}, ascii("11010519491231002X"))),
        hash);
    assertNotEquals(
        hash,
        key.holderHash(
            CryptoSuite.sm(), HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE, "11010519491231002X"));
    HolderKey other = HolderKey.of(new byte[32]);
    assertNotEquals(
        hash,
        other.holderHash(CryptoSuite.sm(), HolderCodeType.CITIZEN_ID_NUMBER, "11010519491231002X"));
    assertFalse(key.toString().contains("govchain"), "the key is never printed");
  }

  @Test
  void commitmentsFollowTheDocumentedConstruction() {
    String licenseId = "1.2.156.3005.2.X";
    Hash commitment = ItemCommitments.commit(CryptoSuite.intl(), licenseId, "name", SALT, "张三");
    byte[] value = "张三".getBytes(StandardCharsets.UTF_8);
    byte[] preimage =
        concat(
            ascii("govchain/v1/item-commitment"),
            new byte[] {0, 0, 0, 0, (byte) licenseId.length()},
            ascii(licenseId),
            new byte[] {0, 0, 0, 4},
            ascii("name"),
            new byte[32],
            new byte[] {0, 0, 0, (byte) value.length},
            value);
    assertEquals(CryptoSuite.intl().hash(preimage), commitment);
  }

  @Test
  void aCommitmentOpensOnlyWithItsOwnLicenceItemSaltAndValue() {
    CryptoSuite suite = CryptoSuite.sm();
    ByteString salt =
        ByteString.copyFrom(
            new byte[] {
              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
              25, 26, 27, 28, 29, 30, 31, 32
            });
    Hash commitment = ItemCommitments.commit(suite, "L1", "birth_date", salt, "1990-03-07");
    assertTrue(ItemCommitments.opens(suite, commitment, "L1", "birth_date", salt, "1990-03-07"));
    assertFalse(ItemCommitments.opens(suite, commitment, "L1", "birth_date", salt, "1990-03-08"));
    assertFalse(ItemCommitments.opens(suite, commitment, "L1", "valid_from", salt, "1990-03-07"));
    assertFalse(ItemCommitments.opens(suite, commitment, "L2", "birth_date", salt, "1990-03-07"));
    assertFalse(ItemCommitments.opens(suite, commitment, "L1", "birth_date", SALT, "1990-03-07"));
    assertFalse(
        ItemCommitments.opens(
            suite, commitment, "L1", "birth_date", ByteString.EMPTY, "1990-03-07"));
    // Length prefixes: moving a character between licence id and item code changes the hash.
    assertNotEquals(
        ItemCommitments.commit(suite, "L1b", "irth_date", salt, "1990-03-07"), commitment);
  }

  @Test
  void licenceSignaturesVerifyStandaloneAndOnlyForLicences() {
    for (CryptoSuite suite : new CryptoSuite[] {CryptoSuite.sm(), CryptoSuite.intl()}) {
      KeyPair issuer = suite.generateKeyPair(new java.security.SecureRandom());
      LicenseContent content =
          LicenseContent.newBuilder()
              .setLicenseId("1.2.156.3005.2.A")
              .setIssuerCode("11110108MB2427761E")
              .addItems(
                  ItemCommitment.newBuilder()
                      .setItemCode("name")
                      .setCommitment(Hash.ZERO.toByteString()))
              .setIssuerPublicKey(issuer.publicKey().toByteString())
              .build();
      Signature signature = LicenseSignatures.sign(suite, issuer.privateKey(), content);
      assertTrue(LicenseSignatures.verify(suite, content, signature.toByteString()));
      LicenseContent changed = content.toBuilder().setIssuerCode("11110108MB2610849M").build();
      assertFalse(LicenseSignatures.verify(suite, changed, signature.toByteString()));
      assertFalse(LicenseSignatures.verify(suite, content, ByteString.copyFrom(new byte[10])));
      // The same key signing the content as a transaction body does not make a licence signature.
      Signature asTransaction =
          suite.sign(
              issuer.privateKey(),
              Domain.TRANSACTION_SIGNATURE.preimage(Canonical.encode(content)));
      assertFalse(LicenseSignatures.verify(suite, content, asTransaction.toByteString()));
    }
  }

  @Test
  void domainTagsDifferFromEveryNodeCoreTag() {
    for (SubchainDomain ours : SubchainDomain.values()) {
      for (Domain core : Domain.values()) {
        assertFalse(Arrays.equals(ours.prefix(), core.prefix()), ours + " vs " + core);
      }
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }
}
