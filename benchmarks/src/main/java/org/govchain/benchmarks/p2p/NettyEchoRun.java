package org.govchain.benchmarks.p2p;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The baseline: bare Netty with mutual TLS 1.3 (same JDK provider, same P-256 certificates) and a
 * 4-byte length prefix, the echo side writing each frame straight back. No protobuf, no queues, no
 * membership checks: what the transport's overhead is measured against.
 */
final class NettyEchoRun implements EchoRun {
  private static final int FRAME_BYTES_MAX = 4 * 1024 * 1024;

  private final EventLoopGroup serverGroup =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup clientGroup =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final Channel client;
  private final int payloadBytes;
  private final int window;
  private final AtomicLong echoed = new AtomicLong();

  NettyEchoRun(BenchmarkNetwork network, int payloadBytes, int window)
      throws SSLException, InterruptedException {
    this.payloadBytes = payloadBytes;
    this.window = window;
    SslContext serverTls =
        SslContextBuilder.forServer(network.echo.privateKey(), network.echo.certificate())
            .sslProvider(SslProvider.JDK)
            .protocols("TLSv1.3")
            .clientAuth(ClientAuth.REQUIRE)
            .trustManager(network.authority.certificate())
            .build();
    SslContext clientTls =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .protocols("TLSv1.3")
            .keyManager(network.sender.privateKey(), network.sender.certificate())
            .trustManager(InsecureTrustManagerFactory.INSTANCE)
            .endpointIdentificationAlgorithm(null)
            .build();
    server = bindServer(serverTls);
    client = connectClient(clientTls, (InetSocketAddress) server.localAddress());
    client.pipeline().get(SslHandler.class).handshakeFuture().sync();
  }

  private Channel bindServer(SslContext tls) throws InterruptedException {
    return new ServerBootstrap()
        .group(serverGroup)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel channel) {
                channel
                    .pipeline()
                    .addLast(tls.newHandler(channel.alloc()))
                    .addLast(new LengthFieldBasedFrameDecoder(FRAME_BYTES_MAX, 0, 4, 0, 4))
                    .addLast(new LengthFieldPrepender(4))
                    .addLast(
                        new ChannelInboundHandlerAdapter() {
                          @Override
                          public void channelRead(ChannelHandlerContext ctx, Object message) {
                            ctx.write(message, ctx.voidPromise());
                          }

                          @Override
                          public void channelReadComplete(ChannelHandlerContext ctx) {
                            ctx.flush();
                          }
                        });
              }
            })
        .bind(new InetSocketAddress("127.0.0.1", 0))
        .sync()
        .channel();
  }

  private Channel connectClient(SslContext tls, InetSocketAddress address)
      throws InterruptedException {
    return new Bootstrap()
        .group(clientGroup)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel channel) {
                channel
                    .pipeline()
                    .addLast(tls.newHandler(channel.alloc()))
                    .addLast(new LengthFieldBasedFrameDecoder(FRAME_BYTES_MAX, 0, 4, 0, 4))
                    .addLast(new LengthFieldPrepender(4))
                    .addLast(
                        new ChannelInboundHandlerAdapter() {
                          @Override
                          public void channelRead(ChannelHandlerContext ctx, Object message) {
                            ((ByteBuf) message).release();
                            echoed.incrementAndGet();
                            ctx.write(frame(ctx), ctx.voidPromise());
                          }

                          @Override
                          public void channelReadComplete(ChannelHandlerContext ctx) {
                            ctx.flush();
                          }
                        });
              }
            })
        .connect(address)
        .sync()
        .channel();
  }

  private ByteBuf frame(ChannelHandlerContext ctx) {
    ByteBuf buffer = ctx.alloc().ioBuffer(payloadBytes);
    buffer.writeZero(payloadBytes);
    return buffer;
  }

  @Override
  public void start() {
    client
        .eventLoop()
        .execute(
            () -> {
              ChannelHandlerContext last = client.pipeline().lastContext();
              for (int i = 0; i < window; i++) {
                last.write(frame(last), last.voidPromise());
              }
              last.flush();
            });
  }

  @Override
  public long echoed() {
    return echoed.get();
  }

  @Override
  public String cipherSuite() {
    return client.pipeline().get(SslHandler.class).engine().getSession().getCipherSuite();
  }

  @Override
  public void close() {
    client.close().syncUninterruptibly();
    server.close().syncUninterruptibly();
    clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
