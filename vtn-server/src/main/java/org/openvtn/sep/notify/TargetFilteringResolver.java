package org.openvtn.sep.notify;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.openvtn.certs.identity.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a notificationURI host and keeps only the addresses {@link NotificationTargets} allows, so the
 * notification client never connects to a loopback or private address that a host name resolves to at delivery
 * time (issue #12 item 10; DNS rebinding). A host with no allowed address fails the attempt like an unknown host.
 */
final class TargetFilteringResolver implements SocketAddressResolver {
    private static final Logger LOG = LoggerFactory.getLogger(TargetFilteringResolver.class);

    private final SocketAddressResolver delegate;
    private final NotificationTargets targets;

    TargetFilteringResolver(SocketAddressResolver delegate, NotificationTargets targets) {
        this.delegate = delegate;
        this.targets = targets;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        if (targets.allowsAny()) {
            delegate.resolve(host, port, context, promise);
            return;
        }
        delegate.resolve(host, port, context, Promise.from(addresses -> {
            List<InetSocketAddress> allowed = addresses.stream()
                    .filter(a -> a.getAddress() != null && targets.allowedAddress(host, a.getAddress())).toList();
            if (allowed.isEmpty()) {
                LOG.warn("2030.5 notification to {} refused: it resolves only to addresses the server does not notify "
                        + "({}); name it in sep.allowedNotificationHosts if it is yours", LogSafe.text(host), addresses);
                promise.failed(new UnknownHostException(host + ": no address the server may notify"));
            } else {
                promise.succeeded(allowed);
            }
        }, promise::failed));
    }
}
