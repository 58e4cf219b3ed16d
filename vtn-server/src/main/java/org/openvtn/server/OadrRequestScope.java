package org.openvtn.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openvtn.store.OadrRequestReads;

/**
 * Issue #19: bounds {@link OadrRequestReads} to one OpenADR 2.0b request. On PostgreSQL (the only database where
 * these reads are held) the OpenADR handler decides and answers on the calling thread (it reads the body blocking),
 * so the rows the request read in its first statement are dropped when it returns and never serve another request.
 * On Derby the handler may finish a request on a pool thread after this scope closed (issue #18, non-blocking mode);
 * nothing is held there.
 */
final class OadrRequestScope extends Handler.Wrapper {

    OadrRequestScope(Handler oadr) {
        super(oadr);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        try (OadrRequestReads.Scope scope = OadrRequestReads.scope()) {
            return super.handle(request, response, callback);
        }
    }
}
