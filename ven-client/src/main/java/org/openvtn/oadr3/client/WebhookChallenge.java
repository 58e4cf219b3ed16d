package org.openvtn.oadr3.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import org.openvtn.transport.TlsHttpListener;

/**
 * The webhook side of the OpenADR 3.1 subscription registration challenge (Definition, "Webhooks": "the VEN ... MUST
 * respond with 200 OK response and include the query string parameter value in the body"), for every 3.1 webhook
 * listener in this code base (the VEN client's and the benchmark's). Internal.
 */
public final class WebhookChallenge {
    private WebhookChallenge() {
    }

    /** The challenge's {@code echo} value, or null when the request carries none. */
    public static String echo(QueryStringDecoder query) {
        List<String> echo = query.parameters().get("echo");
        return echo == null || echo.isEmpty() ? null : echo.get(0);
    }

    /** Answers the {@code GET ?echo=V} challenge: 200 with exactly {@code echo} as the body, 400 when it is null. */
    public static void answer(ChannelHandlerContext ctx, FullHttpRequest req, String echo) {
        if (echo == null) {
            TlsHttpListener.replyText(ctx, req, HttpResponseStatus.BAD_REQUEST, "");
        } else {
            TlsHttpListener.replyText(ctx, req, HttpResponseStatus.OK, echo);
        }
    }
}
