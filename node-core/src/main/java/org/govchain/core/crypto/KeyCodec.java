package org.govchain.core.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.govchain.core.MalformedInputException;

/**
 * Key encodings shared with the rest of the world: PKCS#8 private keys and SubjectPublicKeyInfo
 * public keys, in DER or PEM. SM2 keys use {@code id-ecPublicKey} with the named curve {@code
 * sm2p256v1} (1.2.156.10197.1.301), as OpenSSL 3 writes them; Ed25519 keys use RFC 8410.
 *
 * <p>Every decoder names what it found when it refuses: another algorithm, another curve, an
 * encrypted key, a PEM block of another type.
 */
public final class KeyCodec {
  /** No key file is anywhere near this size; larger input is refused before parsing. */
  public static final int MAX_ENCODED_BYTES = 64 * 1024;

  private static final String PRIVATE_KEY_PEM = "PRIVATE KEY";
  private static final String PUBLIC_KEY_PEM = "PUBLIC KEY";

  private KeyCodec() {}

  public static byte[] privateKeyToPkcs8(PrivateKey key) {
    try {
      return PrivateKeyInfoFactory.createPrivateKeyInfo(key.parameters()).getEncoded("DER");
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a private key failed", e);
    }
  }

  public static byte[] publicKeyToSpki(PublicKey key) {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key.parameters())
          .getEncoded("DER");
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a public key failed", e);
    }
  }

  public static String privateKeyToPem(PrivateKey key) {
    return toPem(PRIVATE_KEY_PEM, privateKeyToPkcs8(key));
  }

  public static String publicKeyToPem(PublicKey key) {
    return toPem(PUBLIC_KEY_PEM, publicKeyToSpki(key));
  }

  public static PrivateKey privateKeyFromPkcs8(byte[] der) throws MalformedInputException {
    checkSize(der.length);
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new MalformedInputException("not a PKCS#8 private key (DER): " + e.getMessage());
    }
    checkAlgorithm(info.getPrivateKeyAlgorithm());
    AsymmetricKeyParameter parameters;
    try {
      parameters = PrivateKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException("unreadable private key: " + e.getMessage());
    }
    if (parameters instanceof Ed25519PrivateKeyParameters ed) {
      return IntlSuite.privateKey(ed);
    }
    if (parameters instanceof ECPrivateKeyParameters ec) {
      requireSm2Curve(ec.getParameters(), info.getPrivateKeyAlgorithm());
      if (ec.getD().signum() <= 0 || ec.getD().compareTo(SmSuite.DOMAIN.getN()) >= 0) {
        throw new MalformedInputException("SM2 private key is out of range");
      }
      return SmSuite.privateKey(ec);
    }
    throw new MalformedInputException(unsupported(info.getPrivateKeyAlgorithm()));
  }

  public static PublicKey publicKeyFromSpki(byte[] der) throws MalformedInputException {
    checkSize(der.length);
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new MalformedInputException(
          "not a SubjectPublicKeyInfo public key (DER): " + e.getMessage());
    }
    checkAlgorithm(info.getAlgorithm());
    AsymmetricKeyParameter parameters;
    try {
      parameters = PublicKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException("unreadable public key: " + e.getMessage());
    }
    if (parameters instanceof Ed25519PublicKeyParameters ed) {
      return IntlSuite.publicKey(ed);
    }
    if (parameters instanceof ECPublicKeyParameters ec) {
      requireSm2Curve(ec.getParameters(), info.getAlgorithm());
      return SmSuite.publicKey(ec.getQ());
    }
    throw new MalformedInputException(unsupported(info.getAlgorithm()));
  }

  /** Reads the PKCS#8 "PRIVATE KEY" block of a PEM text (other blocks are skipped). */
  public static PrivateKey privateKeyFromPem(String pem) throws MalformedInputException {
    return privateKeyFromPkcs8(pemBlock(pem, PRIVATE_KEY_PEM));
  }

  /** Reads the "PUBLIC KEY" block of a PEM text (other blocks are skipped). */
  public static PublicKey publicKeyFromPem(String pem) throws MalformedInputException {
    return publicKeyFromSpki(pemBlock(pem, PUBLIC_KEY_PEM));
  }

  private static byte[] pemBlock(String pem, String wantedType) throws MalformedInputException {
    checkSize(pem.length());
    List<String> seen = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      for (PemObject object = reader.readPemObject();
          object != null;
          object = reader.readPemObject()) {
        if (object.getType().equals(wantedType)) {
          return object.getContent();
        }
        seen.add(object.getType());
      }
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException("malformed PEM: " + e.getMessage());
    }
    if (seen.isEmpty()) {
      throw new MalformedInputException(
          "no PEM block found (expected -----BEGIN " + wantedType + "-----)");
    }
    throw new MalformedInputException(
        "no '"
            + wantedType
            + "' PEM block; found "
            + String.join(", ", seen)
            + hintFor(seen.get(0), wantedType));
  }

  private static String hintFor(String found, String wanted) {
    if (found.equals("ENCRYPTED PRIVATE KEY")) {
      return " (encrypted keys are not supported: decrypt with 'openssl pkcs8 -in KEY -out PLAIN')";
    }
    if (found.equals("EC PRIVATE KEY")) {
      return " (convert a SEC1 key with 'openssl pkcs8 -topk8 -nocrypt -in KEY -out PKCS8')";
    }
    if (wanted.equals(PUBLIC_KEY_PEM) && found.equals(PRIVATE_KEY_PEM)) {
      return " (this is a private key; give the public key, e.g. 'openssl pkey -in KEY -pubout')";
    }
    if (wanted.equals(PRIVATE_KEY_PEM) && found.equals(PUBLIC_KEY_PEM)) {
      return " (this is a public key; signing needs the private key)";
    }
    return "";
  }

  private static void checkAlgorithm(AlgorithmIdentifier algorithm) throws MalformedInputException {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (!oid.equals(X9ObjectIdentifiers.id_ecPublicKey)
        && !oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      throw new MalformedInputException(unsupported(algorithm));
    }
  }

  private static void requireSm2Curve(
      org.bouncycastle.crypto.params.ECDomainParameters parameters, AlgorithmIdentifier algorithm)
      throws MalformedInputException {
    if (!SmSuite.isSm2Curve(parameters)) {
      throw new MalformedInputException(
          "EC key on curve "
              + algorithm.getParameters()
              + " is not an SM2 key (curve sm2p256v1, 1.2.156.10197.1.301)");
    }
  }

  private static String unsupported(AlgorithmIdentifier algorithm) {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    String name = oid.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : oid.getId();
    return "unsupported key algorithm "
        + name
        + ": govchain uses SM2 (suite SM) or Ed25519 (suite INTL)";
  }

  private static void checkSize(int size) throws MalformedInputException {
    if (size > MAX_ENCODED_BYTES) {
      throw new MalformedInputException(
          "key input is " + size + " bytes; a key is never larger than " + MAX_ENCODED_BYTES);
    }
  }

  private static String toPem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
