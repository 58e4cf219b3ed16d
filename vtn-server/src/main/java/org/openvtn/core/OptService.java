package org.openvtn.core;

import java.util.List;

/** EiOpt (OpenADR 2.0b 8.5): event-scoped opts and availability schedules. */
public interface OptService {
    /**
     * oadrCreateOpt. Re-using an optId replaces that opt.
     *
     * @throws VtnException 452 naming {@code eventId} for an unknown event; 454 for an invalid schedule
     */
    OptRecord createOpt(String venId, NewOpt opt);

    /**
     * oadrCancelOpt.
     *
     * @throws VtnException 452 naming {@code optId} for an unknown optID or one of another VEN
     *                      (conformance P1_2050)
     */
    OptRecord cancelOpt(String venId, String optId);

    /** @return all opts of a VEN (cancelled included), oldest first */
    List<OptRecord> optsFor(String venId);
}
