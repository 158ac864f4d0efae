package org.govchain.p2p.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.NodeId;
import org.govchain.core.chain.ValidatorSet;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.KeyPair;
import org.govchain.core.crypto.SuiteId;
import org.govchain.p2p.testing.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkCertificatesTest {
  private final TestNetwork network = new TestNetwork(2);

  @Test
  void nodeCertificatesCarryTheirNodeIdAndBothTlsUsages() throws Exception {
    var certificate = network.nodes.get(1).certificate();
    assertEquals(TestNetwork.id(1), NodeIdentity.of(certificate));
    assertEquals(-1, certificate.getBasicConstraints());
    assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
    assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
    assertTrue(certificate.getPublicKey() instanceof ECPublicKey);
    assertEquals("SHA256withECDSA", certificate.getSigAlgName());
    certificate.verify(network.authority.certificate().getPublicKey());
    assertEquals(0, network.authority.certificate().getBasicConstraints());
  }

  @Test
  void thePinIsTheSha256OfTheDerCertificate() throws Exception {
    var certificate = network.nodes.get(0).certificate();
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    assertArrayEquals(expected, network.nodes.get(0).sha256().toBytes());
  }

  @Test
  void pemRoundTripsAndOpenSslReadsIt(@TempDir Path directory) throws Exception {
    IssuedCertificate node = network.nodes.get(0);
    TlsMaterial material =
        TlsMaterial.fromPem(
            node.privateKeyPem(), node.certificatePem(), network.authority.certificatePem());
    assertEquals(node.certificate(), material.certificate());
    assertEquals(TestNetwork.id(0), material.nodeId());
    Path cert = directory.resolve("node.pem");
    Path ca = directory.resolve("ca.pem");
    Files.writeString(cert, node.certificatePem());
    Files.writeString(ca, network.authority.certificatePem());
    Process verify =
        new ProcessBuilder("openssl", "verify", "-CAfile", ca.toString(), cert.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, verify.waitFor(), output);
    assertTrue(output.contains("OK"), output);
  }

  @Test
  void materialWithAForeignKeyOrAuthorityIsRefused() {
    IssuedCertificate zero = network.nodes.get(0);
    IssuedCertificate one = network.nodes.get(1);
    MalformedInputException wrongKey =
        assertThrows(
            MalformedInputException.class,
            () ->
                TlsMaterial.fromPem(
                    one.privateKeyPem(),
                    zero.certificatePem(),
                    network.authority.certificatePem()));
    assertTrue(wrongKey.getMessage().contains("does not belong"), wrongKey.getMessage());
    IssuedCertificate other = network.otherAuthority("elsewhere");
    assertThrows(
        MalformedInputException.class,
        () ->
            TlsMaterial.fromPem(
                zero.privateKeyPem(), zero.certificatePem(), other.certificatePem()));
    assertThrows(
        MalformedInputException.class,
        () ->
            TlsMaterial.fromPem(
                zero.certificatePem(), zero.certificatePem(), other.certificatePem()));
    assertThrows(MalformedInputException.class, () -> Pem.readCertificate("x".repeat(70_000)));
    assertThrows(MalformedInputException.class, () -> Pem.readCertificate(""));
  }

  @Test
  void pinsComeFromTheValidatorSetsOfEveryHostedChain() throws Exception {
    CryptoSuite suite = CryptoSuite.of(SuiteId.INTL);
    KeyPair keys = suite.generateKeyPair(new java.security.SecureRandom());
    KeyPair other = suite.generateKeyPair(new java.security.SecureRandom());
    Hash pin = network.nodes.get(0).sha256();
    ValidatorSet license =
        ValidatorSet.of(
            List.of(new ValidatorSet.Member(0, TestNetwork.id(0), keys.publicKey(), pin)));
    ValidatorSet catalog =
        ValidatorSet.of(
            List.of(
                new ValidatorSet.Member(0, TestNetwork.id(0), keys.publicKey(), pin),
                new ValidatorSet.Member(
                    1, TestNetwork.id(1), other.publicKey(), network.nodes.get(1).sha256())));
    MembershipPins pins = MembershipPins.fromValidatorSets(List.of(license, catalog));
    assertEquals(2, pins.size());
    assertEquals(pin, pins.pin(TestNetwork.id(0)).orElseThrow());
    ValidatorSet conflicting =
        ValidatorSet.of(
            List.of(
                new ValidatorSet.Member(
                    0, TestNetwork.id(0), keys.publicKey(), network.nodes.get(1).sha256())));
    assertThrows(
        MalformedInputException.class,
        () -> MembershipPins.fromValidatorSets(List.of(license, conflicting)));
    assertThrows(
        IllegalArgumentException.class,
        () -> MembershipPins.of(Map.of(TestNetwork.id(0), pin, new NodeId("twin"), pin)));
  }
}
