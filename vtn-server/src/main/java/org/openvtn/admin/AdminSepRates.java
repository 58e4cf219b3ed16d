package org.openvtn.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvtn.core.VtnException;
import org.openvtn.sep.service.SepRates;

/**
 * Admin API of the 2030.5 pollRate and postRate (docs/ieee-2030.5.md "pollRate and postRate"; IEEE 2030.5-2018 §5.7;
 * CSIP-AUS S-ALL-43 "Update Poll Rates", S-OPT-05 "Update Telemetry Post Rates"): the pollRate per resource type for
 * every device, and the MirrorUsagePoint postRate for every device or one device.
 */
final class AdminSepRates {
    private static final String POLL = "/sep/poll-rates";
    private static final String POST_ALL = "/sep/post-rate";
    private static final String POST_DEVICE = "/sep/devices/{lfdi}/post-rate";

    private final SepRates rates;

    AdminSepRates(SepRates rates) {
        this.rates = rates;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get(POLL, AdminSep.guard(c -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("resources", List.copyOf(SepRates.POLLED.keySet()));
                    out.put("pollRates", rates.pollRates());
                    out.put("postRates", rates.postRates());
                    return out;
                })),
                AdminRoute.put(POLL + "/{resource}", AdminSep.guard(c -> {
                    long s = seconds(c.tree());
                    rates.setPollRate(c.param("resource"), s);
                    return Map.of("resource", c.param("resource"), "seconds", s);
                })),
                AdminRoute.delete(POLL + "/{resource}", AdminSep.guard(c -> {
                    if (!rates.clearPollRate(c.param("resource"))) {
                        throw VtnException.invalidId("id", "no pollRate set for " + c.param("resource"));
                    }
                    return Map.of("resource", c.param("resource"), "deleted", true);
                })),
                AdminRoute.put(POST_ALL, AdminSep.guard(c -> post(SepRates.ALL, seconds(c.tree())))),
                AdminRoute.delete(POST_ALL, AdminSep.guard(c -> unpost(SepRates.ALL))),
                AdminRoute.put(POST_DEVICE, AdminSep.guard(c -> post(c.param("lfdi"), seconds(c.tree())))),
                AdminRoute.delete(POST_DEVICE, AdminSep.guard(c -> unpost(c.param("lfdi")))));
    }

    private Map<String, Object> post(String scope, long seconds) {
        rates.setPostRate(scope, seconds);
        return Map.of("scope", scope.toUpperCase(Locale.ROOT), "resource", "MirrorUsagePoint", "seconds", seconds);
    }

    private Map<String, Object> unpost(String scope) {
        if (!rates.clearPostRate(scope)) {
            throw VtnException.invalidId("id", "no postRate set for " + scope);
        }
        return Map.of("scope", scope.toUpperCase(Locale.ROOT), "deleted", true);
    }

    private static long seconds(JsonNode body) {
        JsonNode v = body.path("seconds");
        if (!v.isIntegralNumber()) {
            throw VtnException.invalidData("seconds", "seconds: an integer 1..4294967295 is required");
        }
        return v.longValue();
    }
}
