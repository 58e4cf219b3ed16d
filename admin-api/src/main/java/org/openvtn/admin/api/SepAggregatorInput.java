package org.openvtn.admin.api;

import java.util.List;

/**
 * {@code PUT /sep/aggregators/{lfdi}}: registers (or replaces) an IEEE 2030.5 aggregator client (CSIP AGG-*,
 * CSIP-AUS S-ALL-03).
 *
 * @param selfRegister whether it may POST EndDevices for LFDIs not in {@code sites} (optional, default false)
 * @param sites        LFDIs of the sites it manages (40 hex digits each; optional); replaces the named sites, the
 *                     ones it registered itself stay
 */
@ApiSchema("SepAggregatorInput")
public record SepAggregatorInput(Boolean selfRegister, List<String> sites) {
}
