package org.openvtn.admin.api;

import java.util.List;

/**
 * An IEEE 2030.5 aggregator client ({@code /sep/aggregators/{lfdi}}; CSIP AGG-001..012, CSIP-AUS S-ALL-03): one
 * certificate that sees and acts for the EndDevices of its sites, and no one else's.
 *
 * @param lfdi                the aggregator certificate's LFDI (40 upper-case hex digits)
 * @param selfRegister        whether it may POST EndDevices for LFDIs not named in {@code sites}
 * @param sites               LFDIs the operator named (it may register and manage their EndDevices)
 * @param selfRegisteredSites LFDIs it registered itself (in-band EndDevice POSTs)
 * @param endDevices          hrefs of the EndDevices of its sites that exist now ({@code /edev/{n}})
 * @param createdAt           when it was registered
 */
@ApiSchema("SepAggregator")
public record SepAggregatorJson(String lfdi, boolean selfRegister, List<String> sites,
                                List<String> selfRegisteredSites, List<String> endDevices, String createdAt) {
}
