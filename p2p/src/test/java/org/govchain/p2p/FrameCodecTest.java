package org.govchain.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.govchain.p2p.proto.Channel;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Goodbye;
import org.govchain.p2p.proto.Hello;
import org.govchain.p2p.proto.Message;
import org.govchain.p2p.proto.Request;
import org.govchain.p2p.proto.Response;
import org.junit.jupiter.api.Test;

/** The encoder writes exactly protobuf's bytes, whether it copies the payload or wraps it. */
class FrameCodecTest {
  private static ByteString bytes(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return ByteString.copyFrom(data);
  }

  private static List<Frame> frames() {
    List<Integer> sizes = List.of(0, 1, 127, 128, 2047, 2048, 16_383, 16_384, 70_000, 2_100_000);
    List<Frame> frames = new java.util.ArrayList<>();
    for (int size : sizes) {
      frames.add(
          Frame.newBuilder()
              .setMessage(
                  Message.newBuilder().setChannel(Channel.BLOCK_SYNC).setPayload(bytes(size)))
              .build());
      frames.add(
          Frame.newBuilder()
              .setRequest(
                  Request.newBuilder()
                      .setCorrelationId(Long.MAX_VALUE)
                      .setMethod("vault.release")
                      .setTimeoutMillis(30_000)
                      .setPayload(bytes(size)))
              .build());
      frames.add(
          Frame.newBuilder()
              .setResponse(
                  Response.newBuilder()
                      .setCorrelationId(9)
                      .setStatus(Response.Status.OK)
                      .setPayload(bytes(size)))
              .build());
    }
    frames.add(
        Frame.newBuilder()
            .setHello(Hello.newBuilder().setProtocolVersion(1).setNodeId("a"))
            .build());
    frames.add(
        Frame.newBuilder()
            .setGoodbye(Goodbye.newBuilder().setReason(Goodbye.Reason.SHUTDOWN))
            .build());
    return frames;
  }

  @Test
  void encodingIsTheLengthThenProtobufsOwnBytes() throws Exception {
    for (Frame frame : frames()) {
      ByteBuf encoded = FrameCodec.encode(ByteBufAllocator.DEFAULT, frame);
      try {
        byte[] expected = frame.toByteArray();
        assertEquals(FrameCodec.wireBytes(frame), encoded.readableBytes());
        assertEquals(expected.length, encoded.readInt());
        assertArrayEquals(expected, ByteBufUtil.getBytes(encoded));
        assertEquals(frame, Frame.parseFrom(ByteBuffer.wrap(expected)));
      } finally {
        encoded.release();
      }
    }
  }
}
