package org.govchain.p2p;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import org.govchain.p2p.proto.Frame;

/** Writes a frame as a 4-byte big-endian length followed by the encoded {@link Frame}. */
final class FrameCodec {
  static final int LENGTH_PREFIX_BYTES = 4;

  private FrameCodec() {}

  static int wireBytes(Frame frame) {
    return LENGTH_PREFIX_BYTES + frame.getSerializedSize();
  }

  /**
   * Encodes into a heap buffer: protobuf's array encoder is its fastest, and the JDK's TLS engine
   * copies the plaintext into its record buffer anyway.
   */
  static ByteBuf encode(ByteBufAllocator allocator, Frame frame) {
    int size = frame.getSerializedSize();
    ByteBuf buffer = allocator.heapBuffer(LENGTH_PREFIX_BYTES + size);
    boolean done = false;
    try {
      buffer.writeInt(size);
      CodedOutputStream out =
          buffer.hasArray()
              ? CodedOutputStream.newInstance(
                  buffer.array(), buffer.arrayOffset() + buffer.writerIndex(), size)
              : CodedOutputStream.newInstance(buffer.nioBuffer(buffer.writerIndex(), size));
      frame.writeTo(out);
      out.checkNoSpaceLeft();
      buffer.writerIndex(buffer.writerIndex() + size);
      done = true;
      return buffer;
    } catch (IOException e) {
      throw new IllegalStateException("a frame did not fit its own serialized size", e);
    } finally {
      if (!done) {
        buffer.release();
      }
    }
  }
}
