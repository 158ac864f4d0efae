package org.govchain.core.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.govchain.core.MalformedInputException;

/**
 * The canonical encoding of everything govchain hashes or signs: deterministic protobuf
 * serialization. Never JSON, never {@code toString}.
 *
 * <p>{@link #decode} accepts only bytes that are exactly the canonical encoding of the message they
 * decode to. It parses with unknown fields discarded and re-encodes: unknown fields, fields out of
 * order, default values written out, repeated scalar fields, non-minimal varints and trailing
 * garbage all re-encode differently and are refused. So two different byte strings never decode to
 * one message, and a hash or signature over the bytes is a hash or signature over the message.
 */
public final class Canonical {
  private Canonical() {}

  public static byte[] encode(MessageLite message) {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.useDeterministicSerialization();
    try {
      message.writeTo(stream);
      stream.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding into an exactly sized array failed", e);
    }
    return out;
  }

  public static ByteString encodeToByteString(MessageLite message) {
    return ByteString.copyFrom(encode(message));
  }

  /**
   * Decodes {@code bytes} as {@code what}, refusing input over {@code maxBytes} or not canonical.
   */
  public static <T extends Message> T decode(
      Parser<T> parser, byte[] bytes, int maxBytes, String what) throws MalformedInputException {
    if (bytes.length > maxBytes) {
      throw new MalformedInputException(
          what + " is " + bytes.length + " bytes, over the limit of " + maxBytes);
    }
    T message;
    try {
      message = DiscardUnknownFieldsParser.wrap(parser).parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedInputException(what + " is not a valid encoding: " + e.getMessage());
    }
    byte[] again = encode(message);
    if (!java.util.Arrays.equals(again, bytes)) {
      throw new MalformedInputException(
          what + " is not canonically encoded (unknown fields, non-canonical or trailing bytes)");
    }
    return message;
  }

  public static <T extends Message> T decode(
      Parser<T> parser, ByteString bytes, int maxBytes, String what)
      throws MalformedInputException {
    if (bytes.size() > maxBytes) {
      throw new MalformedInputException(
          what + " is " + bytes.size() + " bytes, over the limit of " + maxBytes);
    }
    return decode(parser, bytes.toByteArray(), maxBytes, what);
  }
}
