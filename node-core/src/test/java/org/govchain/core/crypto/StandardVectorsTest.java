package org.govchain.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.govchain.core.MalformedInputException;
import org.govchain.core.testing.FixedSecureRandom;
import org.junit.jupiter.api.Test;

/** Known answers from the standards that define each algorithm. */
class StandardVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] hex(String text) {
    return HEX.parseHex(text.replace(" ", "").replace("_", "").toLowerCase());
  }

  private static BigInteger big(String text) {
    return new BigInteger(1, hex(text));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  // GB/T 32905-2016 (SM3), appendix A, examples 1 and 2.
  @Test
  void sm3OfAbcIsTheStandardsFirstExample() {
    assertEquals(
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
        CryptoSuite.sm().hash(ascii("abc")).toHex());
  }

  @Test
  void sm3OfSixteenAbcdIsTheStandardsSecondExample() {
    assertEquals(
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
        CryptoSuite.sm().hash(ascii("abcd".repeat(16))).toHex());
  }

  @Test
  void sm3IncrementalHashingEqualsOneShot() {
    byte[] data = ascii("abcd".repeat(16));
    Hash incremental =
        CryptoSuite.sm().newHasher().update(data, 0, 10).update(data, 10, 54).finish();
    assertEquals(CryptoSuite.sm().hash(data), incremental);
  }

  // FIPS 180-4 example "abc".
  @Test
  void sha256OfAbcIsTheFipsExample() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        CryptoSuite.intl().hash(ascii("abc")).toHex());
  }

  // GM/T 0003.2-2012 (GB/T 32918.2-2016) appendix A: the signature example on the 256-bit test
  // curve, with user id ALICE123@YAHOO.COM, message "message digest" and a fixed k.
  private static final ECDomainParameters TEST_CURVE;

  static {
    ECCurve curve =
        new ECCurve.Fp(
            big("8542D69E 4C044F18 E8B92435 BF6FF7DE 45728391 5C45517D 722EDB8B 08F1DFC3"),
            big("787968B4 FA32C3FD 2417842E 73BBFEFF 2F3C848B 6831D7E0 EC65228B 3937E498"),
            big("63E4C6D3 B23B0C84 9CF84241 484BFE48 F61D59A5 B16BA06E 6E12D1DA 27C5249A"),
            big("8542D69E 4C044F18 E8B92435 BF6FF7DD 29772063 0485628D 5AE74EE7 C32E79B7"),
            BigInteger.ONE);
    ECPoint g =
        curve.createPoint(
            big("421DEBD6 1B62EAB6 746434EB C3CC315E 32220B3B ADD50BDC 4C4E6C14 7FEDD43D"),
            big("0680512B CBB42C07 D47349D2 153B70C4 E5D7FDFC BFA36EA1 A85841B9 E46E09A2"));
    TEST_CURVE = new ECDomainParameters(curve, g, curve.getOrder(), BigInteger.ONE);
  }

  @Test
  void sm2SignatureOfGmt0003AppendixAIsReproducedAndVerifies() throws Exception {
    BigInteger d = big("128B2FA8 BD433C6C 068C8D80 3DFF7979 2A519A55 171B1B65 0C23661D 15897263");
    ECPoint publicPoint = TEST_CURVE.getG().multiply(d).normalize();
    assertEquals(
        big("0AE4C779 8AA0F119 471BEE11 825BE462 02BB79E2 A5844495 E97C04FF 4DF2548A"),
        publicPoint.getAffineXCoord().toBigInteger());
    assertEquals(
        big("7C0240F8 8F1CD4E1 6352A73C 17B7F16F 07353E53 A176D684 A9FE0C6B B798E857"),
        publicPoint.getAffineYCoord().toBigInteger());

    byte[] k = hex("6CB28D99 385C175C 94F94E93 4817663F C176D925 DD72B727 260DBAAE 1FB2F96F");
    byte[] der =
        SmSuite.sign(
            new ECPrivateKeyParameters(d, TEST_CURVE),
            ascii("ALICE123@YAHOO.COM"),
            ascii("message digest"),
            new FixedSecureRandom(k));
    BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(TEST_CURVE.getN(), der);
    assertEquals(
        big("40F1EC59 F793D9F4 9E09DCEF 49130D41 94F79FB1 EED2CAA5 5BACDB49 C4E755D1"), rs[0]);
    assertEquals(
        big("6FC6DAC3 2C5D5CF1 0C77DFB2 0F7C2EB6 67A45787 2FB09EC5 6327A67E C7DEEBE7"), rs[1]);

    ECPublicKeyParameters publicKey = new ECPublicKeyParameters(publicPoint, TEST_CURVE);
    assertTrue(
        SmSuite.verify(publicKey, ascii("ALICE123@YAHOO.COM"), ascii("message digest"), der));
    assertFalse(
        SmSuite.verify(publicKey, ascii("1234567812345678"), ascii("message digest"), der),
        "the user id is part of what is signed");
  }

  // GM/T 0003 example on the standard curve sm2p256v1 with the default user id
  // 1234567812345678: exactly the parameters of suite SM.
  private static final String STANDARD_CURVE_PRIVATE =
      "3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8";
  private static final String STANDARD_CURVE_PUBLIC =
      "04 09F9DF31 1E5421A1 50DD7D16 1E4BC5C6 72179FAD 1833FC07 6BB08FF3 56F35020"
          + " CCEA490C E26775A5 2DC6EA71 8CC1AA60 0AED05FB F35E084A 6632F607 2DA9AD13";
  private static final String STANDARD_CURVE_R =
      "F5A03B06 48D2C463 0EEAC513 E1BB81A1 5944DA38 27D5B741 43AC7EAC EEE720B3";
  private static final String STANDARD_CURVE_S =
      "B1B6AA29 DF212FD8 763182BC 0D421CA1 BB9038FD 1F7F42D4 840B69C4 85BBC1AA";

  @Test
  void suiteSmVerifiesTheStandardCurveExampleWithTheDefaultUserId() throws Exception {
    PublicKey key = CryptoSuite.sm().decodePublicKey(hex(STANDARD_CURVE_PUBLIC));
    byte[] der =
        StandardDSAEncoding.INSTANCE.encode(
            SmSuite.DOMAIN.getN(), big(STANDARD_CURVE_R), big(STANDARD_CURVE_S));
    Signature signature = Signature.of(der);
    assertTrue(CryptoSuite.sm().verify(key, ascii("message digest"), signature));
    assertFalse(CryptoSuite.sm().verify(key, ascii("message digest."), signature));
  }

  @Test
  void suiteSmReproducesTheStandardCurveExampleFromItsPrivateKeyAndK() throws Exception {
    ECPrivateKeyParameters key =
        new ECPrivateKeyParameters(big(STANDARD_CURVE_PRIVATE), SmSuite.DOMAIN);
    assertArrayEquals(
        hex(STANDARD_CURVE_PUBLIC), SmSuite.privateKey(key).publicKey().toRaw(), "public key");
    byte[] k = hex("59276E27 D506861A 16680F3A D9C02DCC EF3CC1FA 3CDBE4CE 6D54B80D EAC1BC21");
    byte[] der =
        SmSuite.sign(
            key, SmSuite.DEFAULT_USER_ID, ascii("message digest"), new FixedSecureRandom(k));
    byte[] expected =
        StandardDSAEncoding.INSTANCE.encode(
            SmSuite.DOMAIN.getN(), big(STANDARD_CURVE_R), big(STANDARD_CURVE_S));
    assertArrayEquals(expected, der);
  }

  // RFC 8032, section 7.1, tests 1 to 3.
  private record Ed25519Vector(String secret, String publicKey, String message, String signature) {}

  private static final Ed25519Vector[] RFC8032 = {
    new Ed25519Vector(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
    new Ed25519Vector(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
    new Ed25519Vector(
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
            + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
  };

  @Test
  void suiteIntlReproducesRfc8032TestVectors() throws MalformedInputException {
    for (Ed25519Vector vector : RFC8032) {
      PrivateKey key = IntlSuite.privateKey(new Ed25519PrivateKeyParameters(hex(vector.secret), 0));
      assertEquals(vector.publicKey, key.publicKey().toHex());
      Signature signature = CryptoSuite.intl().sign(key, hex(vector.message));
      assertEquals(vector.signature, signature.toHex());
      PublicKey decoded = CryptoSuite.intl().decodePublicKey(hex(vector.publicKey));
      assertTrue(CryptoSuite.intl().verify(decoded, hex(vector.message), signature));
      assertFalse(CryptoSuite.intl().verify(decoded, hex(vector.message + "00"), signature));
    }
  }
}
