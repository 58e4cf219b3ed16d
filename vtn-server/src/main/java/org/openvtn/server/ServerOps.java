package org.openvtn.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.openvtn.admin.AdminOps;
import org.openvtn.core.service.VtnCore;

/**
 * The admin listener's operations endpoints for one {@link VtnServer} (issue #19): the scrape of its
 * {@link ServerMetrics} and readiness. Ready means the database answers a trivial query within
 * {@link #DATABASE_TIMEOUT} and every listener (Jetty connector) is started; a load balancer or orchestrator stops
 * sending traffic to a node that is not.
 */
final class ServerOps implements AdminOps {
    /** How long the readiness probe waits for the database. */
    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);

    private final Server jetty;
    private final VtnCore core;
    private final ServerMetrics metrics;

    ServerOps(Server jetty, VtnCore core, ServerMetrics metrics) {
        this.jetty = jetty;
        this.core = core;
        this.metrics = metrics;
    }

    @Override
    public String scrape() {
        return metrics.scrape();
    }

    @Override
    public Readiness readiness() {
        Map<String, String> checks = new LinkedHashMap<>();
        String db;
        try {
            db = core.store().database().ping(DATABASE_TIMEOUT);
        } catch (RuntimeException e) {
            db = "error: " + e.getMessage();
        }
        checks.put("database", db == null ? "ok" : db);
        boolean listeners = jetty.isStarted();
        StringBuilder stopped = new StringBuilder();
        for (Connector c : jetty.getConnectors()) {
            if (!c.isStarted()) {
                listeners = false;
                stopped.append(stopped.length() == 0 ? "" : ", ").append(c.getName());
            }
        }
        checks.put("listeners", listeners ? "ok" : "not started: " + (stopped.length() == 0 ? "server" : stopped));
        return new Readiness(db == null && listeners, checks);
    }
}
