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
public final class TargetFilteringResolver implements SocketAddressResolver {
    private static final Logger LOG = LoggerFactory.getLogger(TargetFilteringResolver.class);

    private final SocketAddressResolver delegate;
    private final NotificationTargets targets;

    private final String what;
    private final String setting;

    TargetFilteringResolver(SocketAddressResolver delegate, NotificationTargets targets) {
        this(delegate, targets, "2030.5 notification", "sep.allowedNotificationHosts");
    }

    /**
     * @param what    what is refused, for the log line (e.g. "2.0b push")
     * @param setting the configuration key that allows a host, for the log line
     */
    public TargetFilteringResolver(SocketAddressResolver delegate, NotificationTargets targets, String what,
                                   String setting) {
        this.delegate = delegate;
        this.targets = targets;
        this.what = what;
        this.setting = setting;
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
                LOG.warn("{} to {} refused: it resolves only to addresses the server does not contact "
                        + "({}); name it in {} if it is yours", what, LogSafe.text(host), addresses, setting);
                promise.failed(new UnknownHostException(host + ": no address the server may notify"));
            } else {
                promise.succeeded(allowed);
            }
        }, promise::failed));
    }
}
