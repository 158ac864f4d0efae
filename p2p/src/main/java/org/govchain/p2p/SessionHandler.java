package org.govchain.p2p;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.TransportMetrics.FrameKind;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Goodbye;
import org.govchain.p2p.proto.Hello;
import org.govchain.p2p.proto.Ping;
import org.govchain.p2p.tls.PeerRefusedException;
import org.govchain.p2p.tls.RefusalReason;

/**
 * One connection's life: TLS is up → the peer's certificate is re-verified and bound to the node it
 * names (and, when dialing, to the node dialed) → Hello exchange and the one-connection-per-pair
 * decision → live: frames are dispatched and the peer's queue is drained while Netty's buffer is
 * below its high-water mark. Nothing is delivered before the connection is live. Runs on the
 * channel's event loop, except {@link #requestDrain} and {@link #supersede}, which hop onto it.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
  static final int PROTOCOL_VERSION = 1;
  private static final int FLUSH_BYTES = 64 * 1024;

  enum Direction {
    DIALED,
    ACCEPTED
  }

  private enum State {
    TLS,
    HELLO,
    LIVE,
    CLOSED
  }

  final Direction direction;
  private final Connections connections;
  private final Peer dialed;
  private final FrameDecoder decoder;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drainTask = this::drain;
  private ChannelHandlerContext ctx;
  private State state = State.TLS;
  private NodeId certified;
  private volatile Peer peer;
  private boolean wasLive;
  private CloseReason closeReason;
  private ScheduledFuture<?> handshakeTimer;
  private ScheduledFuture<?> stallTimer;
  private ScheduledFuture<?> keepAliveTimer;
  private long lastWriteNanos;

  SessionHandler(Connections connections, Direction direction, Peer dialed, FrameDecoder decoder) {
    this.connections = connections;
    this.direction = direction;
    this.dialed = dialed;
    this.decoder = decoder;
  }

  /** The authenticated peer, once live; null before. */
  Peer peer() {
    return peer;
  }

  Peer dialed() {
    return dialed;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long timeout = connections.limits.handshakeTimeoutMillis();
    handshakeTimer =
        ctx.executor()
            .schedule(
                () -> refuse(RefusalReason.HANDSHAKE_TIMEOUT, "not live after " + timeout + " ms"),
                timeout,
                TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (state != State.TLS) {
        return;
      }
      if (done.isSuccess()) {
        onTlsUp();
      } else {
        handshakeFailed(done.cause());
      }
    } else if (event instanceof IdleStateEvent idle) {
      onIdle(idle);
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  private void onTlsUp() {
    X509Certificate[] chain;
    try {
      Certificate[] certificates =
          ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
      chain = new X509Certificate[certificates.length];
      for (int i = 0; i < certificates.length; i++) {
        chain[i] = (X509Certificate) certificates[i];
      }
    } catch (SSLPeerUnverifiedException | ClassCastException e) {
      refuse(RefusalReason.NO_CERTIFICATE, "no X.509 peer certificate");
      return;
    }
    try {
      // Checked again here (the trust manager checked it during the handshake): a resumed session
      // skips the trust manager, and only here is the node that was dialed known.
      certified = connections.verifier.verify(chain);
    } catch (PeerRefusedException e) {
      refuse(e.reason(), e.getMessage());
      return;
    }
    if (certified.equals(connections.local)) {
      refuse(RefusalReason.WRONG_NODE, "the peer presents this node's own certificate");
      return;
    }
    if (direction == Direction.DIALED && !certified.equals(dialed.id)) {
      refuse(RefusalReason.WRONG_NODE, "dialed " + dialed.id + " but reached " + certified);
      return;
    }
    state = State.HELLO;
    decoder.frameBytesMax(TransportLimits.HANDSHAKE_FRAME_BYTES_MAX);
    if (direction == Direction.DIALED) {
      writeControl(hello());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    InboundFrame inbound = (InboundFrame) message;
    switch (state) {
      case HELLO -> onHello(inbound.frame());
      case LIVE -> onLiveFrame(inbound);
      case TLS, CLOSED -> {
        // TLS: no decrypted byte arrives before the handshake. CLOSED: the rest is discarded.
      }
    }
  }

  private void onHello(Frame frame) {
    if (frame.hasGoodbye()) {
      Goodbye.Reason reason = frame.getGoodbye().getReason();
      close(reason == Goodbye.Reason.DUPLICATE ? CloseReason.DUPLICATE : CloseReason.PEER_GOODBYE);
      return;
    }
    if (!frame.hasHello()) {
      refuse(RefusalReason.BAD_HELLO, "first frame is a " + frame.getBodyCase() + ", not a Hello");
      return;
    }
    Hello hello = frame.getHello();
    if (hello.getProtocolVersion() != PROTOCOL_VERSION) {
      refuse(RefusalReason.BAD_HELLO, "protocol version " + hello.getProtocolVersion());
      return;
    }
    if (!hello.getNodeId().equals(certified.value())) {
      refuse(
          RefusalReason.WRONG_NODE,
          "the certificate of "
              + certified
              + " is presented by a node saying it is "
              + shown(hello));
      return;
    }
    Peer member = connections.peer(certified);
    if (member == null) {
      refuse(RefusalReason.NOT_MEMBER, certified + " is pinned but not among this node's peers");
      return;
    }
    Connections.Admission admission =
        direction == Direction.DIALED
            ? connections.activateDialed(member, this)
            : connections.admitAccepted(member, this);
    switch (admission) {
      case ADMITTED -> {
        if (direction == Direction.ACCEPTED) {
          writeControl(hello());
        }
        goLive(member);
      }
      case DUPLICATE -> closeWithGoodbye(Goodbye.Reason.DUPLICATE, CloseReason.DUPLICATE);
      case STOPPED -> closeWithGoodbye(Goodbye.Reason.SHUTDOWN, CloseReason.SHUTDOWN);
    }
  }

  private static String shown(Hello hello) {
    String claimed = hello.getNodeId();
    return claimed.length() <= 64 ? "'" + claimed + "'" : "a " + claimed.length() + "-char name";
  }

  private void goLive(Peer member) {
    peer = member;
    state = State.LIVE;
    wasLive = true;
    cancel(handshakeTimer);
    handshakeTimer = null;
    decoder.frameBytesMax(connections.limits.frameBytesMax());
    long interval = connections.limits.keepAliveIntervalMillis();
    keepAliveTimer =
        ctx.executor()
            .scheduleAtFixedRate(this::keepAlive, interval, interval, TimeUnit.MILLISECONDS);
    connections.wentLive(this, ctx.channel());
    requestDrain();
  }

  private void onLiveFrame(InboundFrame inbound) {
    Frame frame = inbound.frame();
    try {
      FrameChecks.check(frame);
    } catch (ProtocolException e) {
      violation(e);
      return;
    }
    Peer from = peer;
    connections.metrics.frameReceived(from.id, kindOf(frame), inbound.wireBytes());
    switch (frame.getBodyCase()) {
      case MESSAGE ->
          connections.deliver(
              from.id,
              MessageChannel.fromWire(frame.getMessage().getChannel()),
              frame.getMessage().getPayload());
      case REQUEST -> connections.server.serve(from, frame.getRequest(), connections::respond);
      case RESPONSE -> connections.calls.complete(from.id, frame.getResponse());
      case PING -> {}
      case GOODBYE -> close(CloseReason.PEER_GOODBYE);
      case HELLO -> violation(new ProtocolException(CloseReason.PROTOCOL_ERROR, "a second Hello"));
      case BODY_NOT_SET -> throw new AssertionError("checked by the decoder");
    }
  }

  private void onIdle(IdleStateEvent idle) {
    if (idle.state() == IdleState.READER_IDLE) {
      close(CloseReason.IDLE_TIMEOUT);
    }
  }

  /**
   * Sends a Ping when nothing was written for a keep-alive interval. Tracked here rather than with
   * the idle handler's writer timer, which would put a listener on every write.
   */
  private void keepAlive() {
    long intervalNanos =
        TimeUnit.MILLISECONDS.toNanos(connections.limits.keepAliveIntervalMillis());
    if (state == State.LIVE && System.nanoTime() - lastWriteNanos >= intervalNanos) {
      writeControl(Frame.newBuilder().setPing(Ping.getDefaultInstance()).build());
    }
  }

  /** Schedules a drain of the peer's queue on this connection's event loop; callable anywhere. */
  void requestDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      ctx.executor().execute(drainTask);
    }
  }

  private void drain() {
    drainScheduled.set(false);
    if (state != State.LIVE) {
      return;
    }
    Peer to = peer;
    int unflushedBytes = 0;
    boolean wrote = false;
    while (ctx.channel().isWritable()) {
      QueuedFrame queued = to.queue.poll();
      if (queued == null) {
        break;
      }
      Frame frame = queued.frame();
      if (frame.hasRequest()) {
        connections.calls.markSent(frame.getRequest().getCorrelationId(), this);
      }
      ctx.write(FrameCodec.encode(ctx.alloc(), frame), ctx.voidPromise());
      connections.metrics.frameSent(to.id, kindOf(frame), queued.wireBytes());
      wrote = true;
      unflushedBytes += queued.wireBytes();
      if (unflushedBytes >= FLUSH_BYTES) {
        ctx.flush();
        unflushedBytes = 0;
      }
    }
    if (unflushedBytes > 0) {
      ctx.flush();
    }
    if (wrote) {
      lastWriteNanos = System.nanoTime();
      connections.metrics.queueDepth(to.id, to.queue.frames(), to.queue.bytes());
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      cancel(stallTimer);
      stallTimer = null;
      requestDrain();
    } else if (stallTimer == null && state == State.LIVE) {
      long timeout = connections.limits.writeStallTimeoutMillis();
      stallTimer =
          ctx.executor()
              .schedule(
                  () -> {
                    stallTimer = null;
                    if (!ctx.channel().isWritable()) {
                      close(CloseReason.WRITE_STALLED);
                    }
                  },
                  timeout,
                  TimeUnit.MILLISECONDS);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (state == State.CLOSED) {
      return;
    }
    ProtocolException protocol = findProtocolException(cause);
    if (protocol != null) {
      violation(protocol);
    } else if (state == State.LIVE) {
      connections.logIoError(this, cause);
      close(CloseReason.IO_ERROR);
    } else {
      handshakeFailed(cause);
    }
  }

  /**
   * A failed TLS handshake is a refusal when this node refused the peer's certificate, or when an
   * accepted connection sent something that is not TLS 1.3. A dial that failed for any other reason
   * (the peer refused us, a reset) and an accepted connection that simply went away are not
   * refusals: they are closed and, for a dial, retried after a backoff.
   */
  private void handshakeFailed(Throwable cause) {
    if (state == State.CLOSED) {
      return;
    }
    if (PeerRefusedException.findIn(cause) != null || TlsFailures.isTlsError(cause)) {
      if (direction == Direction.ACCEPTED || PeerRefusedException.findIn(cause) != null) {
        refuse(TlsFailures.classify(cause), TlsFailures.describe(cause));
        return;
      }
    }
    connections.handshakeAbandoned(this, TlsFailures.describe(cause));
    close(CloseReason.PEER_CLOSED);
  }

  private void violation(ProtocolException e) {
    if (state == State.LIVE) {
      connections.logViolation(this, e);
      closeWithGoodbye(Goodbye.Reason.PROTOCOL_ERROR, e.reason());
    } else {
      connections.unauthenticatedClosed(remoteHost(), e.reason(), e.getMessage());
      close(e.reason());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    state = State.CLOSED;
    cancel(handshakeTimer);
    cancel(stallTimer);
    cancel(keepAliveTimer);
    connections.closed(this, closeReason == null ? CloseReason.PEER_CLOSED : closeReason, wasLive);
    ctx.fireChannelInactive();
  }

  /** Closes this connection because a newer one to the same peer replaced it. */
  void supersede() {
    ctx.executor()
        .execute(() -> closeWithGoodbye(Goodbye.Reason.SUPERSEDED, CloseReason.SUPERSEDED));
  }

  /** Says goodbye and closes; used when the transport stops. */
  void shutdown() {
    ctx.executor().execute(() -> closeWithGoodbye(Goodbye.Reason.SHUTDOWN, CloseReason.SHUTDOWN));
  }

  private void refuse(RefusalReason reason, String detail) {
    if (state == State.CLOSED) {
      return;
    }
    connections.refused(this, remoteHost(), reason, detail);
    close(CloseReason.HANDSHAKE_REFUSED);
  }

  private void close(CloseReason reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    state = State.CLOSED;
    ctx.close();
  }

  private void closeWithGoodbye(Goodbye.Reason goodbye, CloseReason reason) {
    if (state == State.CLOSED) {
      return;
    }
    if (closeReason == null) {
      closeReason = reason;
    }
    state = State.CLOSED;
    Frame frame = Frame.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(goodbye)).build();
    ctx.writeAndFlush(FrameCodec.encode(ctx.alloc(), frame))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private void writeControl(Frame frame) {
    ctx.writeAndFlush(FrameCodec.encode(ctx.alloc(), frame), ctx.voidPromise());
    lastWriteNanos = System.nanoTime();
    Peer to = peer;
    if (to != null) {
      connections.metrics.frameSent(to.id, FrameKind.CONTROL, FrameCodec.wireBytes(frame));
    }
  }

  private Frame hello() {
    return Frame.newBuilder()
        .setHello(
            Hello.newBuilder()
                .setProtocolVersion(PROTOCOL_VERSION)
                .setNodeId(connections.local.value()))
        .build();
  }

  String remoteHost() {
    SocketAddress address = ctx.channel().remoteAddress();
    if (address instanceof InetSocketAddress inet) {
      return inet.getHostString() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }

  static FrameKind kindOf(Frame frame) {
    return switch (frame.getBodyCase()) {
      case MESSAGE ->
          switch (frame.getMessage().getChannel()) {
            case CONSENSUS -> FrameKind.CONSENSUS;
            case TRANSACTIONS -> FrameKind.TRANSACTIONS;
            case BLOCK_SYNC -> FrameKind.BLOCK_SYNC;
            case CHANNEL_UNSPECIFIED, UNRECOGNIZED -> FrameKind.CONTROL;
          };
      case REQUEST -> FrameKind.REQUEST;
      case RESPONSE -> FrameKind.RESPONSE;
      case HELLO, PING, GOODBYE, BODY_NOT_SET -> FrameKind.CONTROL;
    };
  }

  private static ProtocolException findProtocolException(Throwable error) {
    int depth = 0;
    for (Throwable cause = error; cause != null && depth < 8; cause = cause.getCause(), depth++) {
      if (cause instanceof ProtocolException protocol) {
        return protocol;
      }
    }
    return null;
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
