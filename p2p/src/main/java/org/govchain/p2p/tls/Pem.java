package org.govchain.p2p.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.govchain.core.MalformedInputException;

/** PEM encoding of certificates ({@code CERTIFICATE}) and PKCS#8 EC keys ({@code PRIVATE KEY}). */
public final class Pem {
  /** No certificate or key file of ours is near this size; larger input is refused unparsed. */
  public static final int TEXT_CHARACTERS_MAX = 64 * 1024;

  private static final String CERTIFICATE = "CERTIFICATE";
  private static final String PRIVATE_KEY = "PRIVATE KEY";

  private Pem() {}

  public static String certificate(X509Certificate certificate) {
    try {
      return write(CERTIFICATE, certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
    }
  }

  public static String privateKey(PrivateKey key) {
    return write(PRIVATE_KEY, key.getEncoded());
  }

  public static X509Certificate readCertificate(String text) throws MalformedInputException {
    byte[] der = readBlock(text, CERTIFICATE);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new MalformedInputException("not an X.509 certificate: " + e.getMessage());
    }
  }

  /** Reads an unencrypted PKCS#8 EC private key. */
  public static PrivateKey readPrivateKey(String text) throws MalformedInputException {
    byte[] der = readBlock(text, PRIVATE_KEY);
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new MalformedInputException("not a PKCS#8 EC private key: " + e.getMessage());
    }
  }

  private static byte[] readBlock(String text, String type) throws MalformedInputException {
    if (text.length() > TEXT_CHARACTERS_MAX) {
      throw new MalformedInputException(
          "PEM text of " + text.length() + " characters; at most " + TEXT_CHARACTERS_MAX);
    }
    PemObject object;
    try (PemReader reader = new PemReader(new StringReader(text))) {
      object = reader.readPemObject();
      if (object != null && reader.readPemObject() != null) {
        throw new MalformedInputException("expected one PEM block of type " + type + ", got more");
      }
    } catch (IOException e) {
      throw new MalformedInputException("unreadable PEM: " + e.getMessage());
    }
    if (object == null) {
      throw new MalformedInputException("no PEM block found, expected " + type);
    }
    if (!object.getType().equals(type)) {
      throw new MalformedInputException(
          "expected a PEM block of type " + type + ", got " + object.getType());
    }
    return object.getContent();
  }

  private static String write(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException("writing PEM to memory failed", e);
    }
    return out.toString();
  }
}
