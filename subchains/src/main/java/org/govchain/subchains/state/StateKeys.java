package org.govchain.subchains.state;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.govchain.core.crypto.Hash;
import org.govchain.core.state.StateLimits;

/**
 * Builds state keys: a table name then components, each as one length byte and its bytes. Length
 * prefixes make keys unambiguous ("ab"+"c" and "a"+"bc" differ) and make every complete-component
 * prefix a range a scan can read (all licences of one holder, of one holder and type...).
 */
public final class StateKeys {
  private static final int MAX_COMPONENT_BYTES = 255;
  private ByteString.Output out = ByteString.newOutput(64);

  private StateKeys(String table) {
    text(table);
  }

  public static StateKeys table(String table) {
    return new StateKeys(table);
  }

  public StateKeys text(String component) {
    return bytes(component.getBytes(StandardCharsets.UTF_8));
  }

  public StateKeys hash(Hash component) {
    return bytes(component.toBytes());
  }

  public StateKeys bytes(ByteString component) {
    return bytes(component.toByteArray());
  }

  /** Eight bytes big-endian: non-negative values sort in numeric order. */
  public StateKeys number(long component) {
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (component >>> (56 - 8 * i));
    }
    return bytes(bytes);
  }

  public StateKeys bytes(byte[] component) {
    if (component.length > MAX_COMPONENT_BYTES) {
      throw new IllegalArgumentException(
          "a key component is at most " + MAX_COMPONENT_BYTES + " bytes, got " + component.length);
    }
    out.write(component.length);
    out.write(component, 0, component.length);
    return this;
  }

  /** The key (or prefix) built so far; fails if over {@link StateLimits#MAX_KEY_BYTES}. */
  public ByteString build() {
    ByteString key = out.toByteString();
    StateLimits.checkKey(key);
    return key;
  }
}
