package org.openvtn.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvtn.core.VtnException;
import org.openvtn.sep.service.SepAdmin;

/**
 * EndDevice lifecycle in the admin API (issue #17; docs/ieee-2030.5.md "EndDevice lifecycle"): the operator's
 * {@code enabled} (IEEE 2030.5-2018 EndDevice.enabled: false = the device is no longer registered) and the
 * registration PIN's rotation and removal (§8.3; provisioning is {@code POST /sep/devices}).
 */
final class AdminSepDevices {
    private static final String DEVICE = "/sep/devices/{lfdi}";

    private final SepAdmin sep;

    AdminSepDevices(SepAdmin sep) {
        this.sep = sep;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get(DEVICE + "/enabled", AdminSep.guard(c -> enabled(c.param("lfdi"),
                        sep.endDeviceLifecycle().enabled(known(c.param("lfdi")))))),
                AdminRoute.put(DEVICE + "/enabled", AdminSep.guard(c -> {
                    String lfdi = known(c.param("lfdi"));
                    JsonNode v = c.tree().path("enabled");
                    if (!v.isBoolean()) {
                        throw VtnException.invalidData("enabled", "enabled: true or false is required");
                    }
                    sep.endDeviceLifecycle().setEnabled(lfdi, v.booleanValue());
                    return enabled(lfdi, v.booleanValue());
                })),
                // rotation: a new PIN replaces the old one (the device reads it at /edev/{e}/reg)
                AdminRoute.put(DEVICE + "/pin", AdminSep.guard(c -> {
                    String lfdi = known(c.param("lfdi"));
                    int pin = AdminSep.pin(c.tree().get("pin"));
                    sep.endDevices().provision(lfdi, pin);
                    return Map.of("lfdi", norm(lfdi), "pin", String.format("%06d", pin));
                })),
                AdminRoute.delete(DEVICE + "/pin", AdminSep.guard(c -> {
                    String lfdi = known(c.param("lfdi"));
                    if (sep.endDevices().byLfdi(lfdi).orElseThrow().pin() == null) {
                        throw VtnException.invalidId("id", "EndDevice " + lfdi + " has no registration PIN");
                    }
                    sep.endDevices().clearPin(lfdi);
                    return Map.of("lfdi", norm(lfdi), "pin", "deleted");
                })));
    }

    /** @return the LFDI of an existing EndDevice; 404 otherwise, 400 naming lfdi when malformed */
    private String known(String lfdi) {
        if (sep.endDevices().byLfdi(lfdi).isEmpty()) {
            throw VtnException.invalidId("id", "unknown EndDevice " + lfdi);
        }
        return lfdi;
    }

    private static Map<String, Object> enabled(String lfdi, boolean enabled) {
        return Map.of("lfdi", norm(lfdi), "enabled", enabled);
    }

    private static String norm(String lfdi) {
        return lfdi.toUpperCase(Locale.ROOT);
    }
}
