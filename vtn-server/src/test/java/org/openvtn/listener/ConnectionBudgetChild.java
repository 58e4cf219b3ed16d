package org.openvtn.listener;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The server side of {@link ConnectionBudgetIT}, run in a child JVM under a small {@code ulimit -n}: one plain HTTP
 * listener with the default {@link ListenerLimits} (maxConnections 10,000, far above the open-file limit) answering
 * {@code ok}; with the argument {@code budget} the process-wide {@link ConnectionBudget} is installed, without it the
 * listener is the defective double (the set-up before issue #18's fix). Prints {@code port N} when listening.
 */
public final class ConnectionBudgetChild {
    private ConnectionBudgetChild() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server(ListenerLimits.DEFAULT.threadPool("child"));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setName("child");
        ListenerLimits.DEFAULT.apply(server, connector);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.write(true, java.nio.ByteBuffer.wrap("ok".getBytes()), callback);
                return true;
            }
        });
        if (args.length > 0 && args[0].equals("budget")) {
            System.out.println("budget " + ConnectionBudget.install(server));
        }
        server.start();
        System.out.println("port " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }
}
