package org.openvtn.admin;

/**
 * What the assembly that runs the admin listener offers operators beside the REST API (issue #19): the Prometheus
 * scrape and the readiness verdict. Implemented by {@code VtnServer}; the admin package never sees the store or the
 * meter registry itself.
 */
public interface AdminOps {

    /** @return the meters in the Prometheus text exposition format (version 0.0.4) */
    String scrape();

    /** @return whether this node should get traffic now, and why not */
    Readiness readiness();

    /**
     * @param ready  true when every check passed
     * @param checks each check's verdict, e.g. {@code database -> "ok"} or {@code "closed"}
     */
    record Readiness(boolean ready, java.util.Map<String, String> checks) {
    }
}
