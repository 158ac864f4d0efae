package org.govchain.p2p.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.NodeId;

/**
 * How a certificate names the govchain node it belongs to: one subject alternative name of type
 * URI, {@code urn:govchain:node:<node id>}. The subject's common name carries the node id too, for
 * people reading the certificate, but only the URI counts.
 */
public final class NodeIdentity {
  public static final String URI_PREFIX = "urn:govchain:node:";
  private static final int SAN_TYPE_URI = 6;

  private NodeIdentity() {}

  public static String uriOf(NodeId node) {
    return URI_PREFIX + node.value();
  }

  /** The node id the certificate names; refused if it names none, or more than one. */
  public static NodeId of(X509Certificate certificate) throws MalformedInputException {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new MalformedInputException("unreadable subject alternative names: " + e.getMessage());
    }
    NodeId found = null;
    if (names != null) {
      for (List<?> name : names) {
        if (name.size() == 2
            && name.get(0) instanceof Integer type
            && type == SAN_TYPE_URI
            && name.get(1) instanceof String uri
            && uri.startsWith(URI_PREFIX)) {
          if (found != null) {
            throw new MalformedInputException("the certificate names more than one node");
          }
          found = NodeId.parse(uri.substring(URI_PREFIX.length()));
        }
      }
    }
    if (found == null) {
      throw new MalformedInputException(
          "the certificate names no govchain node (" + URI_PREFIX + ")");
    }
    return found;
  }
}
