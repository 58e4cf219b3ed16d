package org.openvtn.ven;

/**
 * The application's participation decision for an event, asked once per new or modified event
 * before the client answers with oadrCreatedEvent (OpenADR 2.0b §8.1; E1_1020, E1_1040). The
 * default, {@link #ALWAYS_IN}, opts in to everything. Runs on the client's protocol thread: keep
 * it quick and non-blocking.
 */
@FunctionalInterface
public interface OptPolicy {

    /** Opts in to every event. */
    OptPolicy ALWAYS_IN = event -> OptType.OPT_IN;

    /** The decision for this event. */
    OptType decide(DrEvent event);
}
