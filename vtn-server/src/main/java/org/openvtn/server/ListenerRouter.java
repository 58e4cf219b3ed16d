package org.openvtn.server;

import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Routes each request of the one Jetty server to the handler of the listener (connector) it arrived on, so OpenADR,
 * IEEE 2030.5 and admin share one server, one thread pool and one lifecycle without seeing each other's requests
 * (issue #13 "one assembly").
 */
final class ListenerRouter extends Handler.Sequence {

    /** Serves requests arriving on the connector named {@code connector} with {@code handler}. */
    void route(String connector, Handler handler) {
        addHandler(new OnConnector(connector, handler));
    }

    static String connectorOf(Request request) {
        return request.getConnectionMetaData().getConnector().getName();
    }

    private static final class OnConnector extends Handler.Wrapper {
        private final String connector;

        OnConnector(String connector, Handler handler) {
            super(handler);
            this.connector = connector;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            return connector.equals(connectorOf(request)) && super.handle(request, response, callback);
        }
    }

    /**
     * Errors Jetty answers itself: bodiless on the listeners whose clients expect no HTML (IEEE 2030.5), Jetty's
     * default elsewhere, as when each listener had its own server.
     */
    static final class Errors extends ErrorHandler {
        private final Set<String> bodiless;

        Errors(Set<String> bodiless) {
            this.bodiless = bodiless;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (bodiless.contains(connectorOf(request))) {
                return org.openvtn.sep.http.SepServer.bodilessError(request, response, callback);
            }
            return super.handle(request, response, callback);
        }
    }
}
