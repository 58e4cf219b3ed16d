package org.openvtn.core;

/**
 * Callback for event changes, e.g. for the IEEE 2030.5 adapter to publish DERControls or an
 * adapter pushing to non-polling VENs. Called after the change is committed, on the thread that
 * made the change; implementations must be quick and must not throw (exceptions are logged and
 * swallowed).
 */
@FunctionalInterface
public interface EventChangeListener {
    void onEventChange(EventChange change);
}
