package org.govchain.core.crypto;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** An incremental digest of one suite. Not thread-safe; {@link #finish()} ends its use. */
public interface Hasher {
  Hasher update(byte b);

  Hasher update(byte[] data, int offset, int length);

  default Hasher update(byte[] data) {
    return update(data, 0, data.length);
  }

  default Hasher update(ByteString data) {
    byte[] chunk = new byte[Math.min(data.size(), 8192)];
    for (ByteBuffer buffer : data.asReadOnlyByteBufferList()) {
      while (buffer.hasRemaining()) {
        int length = Math.min(chunk.length, buffer.remaining());
        buffer.get(chunk, 0, length);
        update(chunk, 0, length);
      }
    }
    return this;
  }

  default Hasher update(Hash hash) {
    hash.writeTo(this);
    return this;
  }

  /** Eight bytes, big-endian. */
  default Hasher updateLong(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      update((byte) (value >>> shift));
    }
    return this;
  }

  /** A domain tag: its ASCII bytes, then a 0 byte so that no tag is a prefix of another. */
  default Hasher updateTag(String tag) {
    update(tag.getBytes(StandardCharsets.US_ASCII));
    return update((byte) 0);
  }

  Hash finish();
}
