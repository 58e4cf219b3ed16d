package org.openvtn.core;

import java.util.UUID;

/**
 * The lease-holder id of one worker of this VTN node on a shared PostgreSQL database (issue #19): the OpenADR 2.0b
 * push outbox leases (migration V12) and the IEEE 2030.5 notification leases (migration V26) record it in their
 * {@code claimed_by} / {@code holder} columns, so an operator can tell from the database which process holds a row.
 */
public final class NodeId {
    /** The width of the lease columns that store it. */
    public static final int MAX_LENGTH = 64;

    private NodeId() {
    }

    /**
     * @return a new id unique to the calling worker: {@code host/pid-random} (host shortened so the whole stays at
     *         most {@link #MAX_LENGTH} characters; {@code node} when the host name cannot be read)
     */
    public static String generate() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "node";
        }
        String id = "/" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return host.substring(0, Math.min(host.length(), MAX_LENGTH - id.length())) + id;
    }
}
