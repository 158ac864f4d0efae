package org.govchain.p2p;

import java.util.regex.Pattern;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Request;
import org.govchain.p2p.proto.Response;

/** Field checks on a decoded frame from an authenticated peer, beyond what decoding checked. */
final class FrameChecks {
  static final Pattern METHOD = Pattern.compile("[a-z][a-z0-9./-]{0,63}");
  static final int ERROR_CHARACTERS_MAX = 256;

  private FrameChecks() {}

  static void check(Frame frame) throws ProtocolException {
    switch (frame.getBodyCase()) {
      case MESSAGE -> {
        if (MessageChannel.fromWire(frame.getMessage().getChannel()) == null) {
          throw violation("message on unknown channel " + frame.getMessage().getChannelValue());
        }
      }
      case REQUEST -> checkRequest(frame.getRequest());
      case RESPONSE -> checkResponse(frame.getResponse());
      case HELLO, PING, GOODBYE -> {}
      case BODY_NOT_SET -> throw violation("frame without a body");
    }
  }

  private static void checkRequest(Request request) throws ProtocolException {
    if (request.getCorrelationId() == 0) {
      throw violation("request without a correlation id");
    }
    if (!METHOD.matcher(request.getMethod()).matches()) {
      throw violation("request for a malformed method name");
    }
    if (request.getTimeoutMillis() == 0) {
      throw violation("request without a timeout");
    }
  }

  private static void checkResponse(Response response) throws ProtocolException {
    if (response.getCorrelationId() == 0) {
      throw violation("response without a correlation id");
    }
    if (response.getStatus() == Response.Status.STATUS_UNSPECIFIED
        || response.getStatus() == Response.Status.UNRECOGNIZED) {
      throw violation("response with unknown status " + response.getStatusValue());
    }
    if (response.getError().length() > ERROR_CHARACTERS_MAX) {
      throw violation("response error text over " + ERROR_CHARACTERS_MAX + " characters");
    }
  }

  private static ProtocolException violation(String message) {
    return new ProtocolException(CloseReason.PROTOCOL_ERROR, message);
  }
}
