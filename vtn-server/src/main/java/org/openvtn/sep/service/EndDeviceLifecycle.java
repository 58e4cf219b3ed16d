package org.openvtn.sep.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.openvtn.schemas.sep.DeviceCategoryType;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.sep.store.JdbcEndDeviceStates;
import org.openvtn.sep.store.SepEndDevice;

/**
 * The EndDevice lifecycle beyond registration (IEEE 2030.5-2018 EndDevice; docs/ieee-2030.5.md "EndDevice lifecycle"):
 *
 * <ul>
 *   <li>{@code enabled}, the server's attribute: the operator disables a device ("if a server sets this attribute to
 *       false, the device is no longer registered"); it then reaches only DeviceCapability, Time, its EndDeviceList
 *       and EndDevice (which say {@code enabled} false) until enabled again;</li>
 *   <li>a client PUT of its own EndDevice: it may change {@code deviceCategory}; lFDI and sFDI must be its own,
 *       {@code enabled} the server's current value (else 400 reasonCode 1); changedTime, postRate and the links are
 *       the server's and are ignored.</li>
 * </ul>
 * Every change is written to the change log, so EndDevice subscribers are notified (§5.6).
 */
public final class EndDeviceLifecycle {
    private final JdbcEndDeviceStates states;
    private final EndDeviceService devices;
    private final EndDeviceService.ChangeLog changes;
    private final Clock clock;

    public EndDeviceLifecycle(JdbcEndDeviceStates states, EndDeviceService devices, EndDeviceService.ChangeLog changes,
                              Clock clock) {
        this.states = states;
        this.devices = devices;
        this.changes = changes;
        this.clock = clock;
    }

    /** @return whether the device is enabled (registered) on this server */
    public boolean enabled(SepEndDevice d) {
        return states.get(d.id()).map(JdbcEndDeviceStates.State::enabled).orElse(true);
    }

    /** Adds the lifecycle fields (enabled, deviceCategory, the later changedTime) to a rendered EndDevice. */
    public EndDevice decorate(EndDevice e, SepEndDevice d) {
        Optional<JdbcEndDeviceStates.State> s = states.get(d.id());
        e.setEnabled(s.map(JdbcEndDeviceStates.State::enabled).orElse(true));
        s.map(JdbcEndDeviceStates.State::deviceCategory).ifPresent(hex -> {
            DeviceCategoryType t = new DeviceCategoryType();
            t.setValue(HexFormat.of().parseHex(hex));
            e.setDeviceCategory(t);
        });
        s.filter(x -> x.updatedAt().isAfter(d.changedTime()))
                .ifPresent(x -> e.setChangedTime(SepResources.timeType(x.updatedAt())));
        if (s.isPresent() && !s.get().enabled()) {
            e.setRegistrationLink(null); // no longer registered
        }
        return e;
    }

    /**
     * A client's PUT of its own EndDevice.
     *
     * @throws SepException 400 reasonCode 1 naming what the client may not change
     */
    public void update(SepEndDevice d, EndDevice put) {
        if (put.getLFDI() != null && !HexFormat.of().formatHex(put.getLFDI()).equalsIgnoreCase(d.lfdi())) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "lFDI is not this EndDevice's");
        }
        if (put.getSFDI() == null || put.getSFDI().getValue() != d.sfdi()) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "sFDI is not this EndDevice's");
        }
        boolean enabled = enabled(d);
        if (put.isEnabled() != null && put.isEnabled() != enabled) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "enabled is set by the server");
        }
        String category = put.getDeviceCategory() == null ? null
                : HexFormat.of().formatHex(put.getDeviceCategory().getValue()).toUpperCase(Locale.ROOT);
        states.put(d.id(), new JdbcEndDeviceStates.State(enabled, category, clock.instant()));
        changes.record("edev", d.id());
    }

    /**
     * Operator action: enables or disables an EndDevice.
     *
     * @return the device
     * @throws IllegalArgumentException naming {@code lfdi} when malformed or unknown
     */
    public SepEndDevice setEnabled(String lfdi, boolean enabled) {
        SepEndDevice d = device(lfdi);
        Optional<JdbcEndDeviceStates.State> s = states.get(d.id());
        Instant now = clock.instant();
        states.put(d.id(), new JdbcEndDeviceStates.State(enabled,
                s.map(JdbcEndDeviceStates.State::deviceCategory).orElse(null), now));
        changes.record("groups", d.id()); // everything the device sees changes with it
        return d;
    }

    /** @return the operator's view: enabled */
    public boolean enabled(String lfdi) {
        return enabled(device(lfdi));
    }

    private SepEndDevice device(String lfdi) {
        if (lfdi == null || !lfdi.matches("[0-9A-Fa-f]{40}")) {
            throw new IllegalArgumentException("lfdi: 40 hex digits required");
        }
        return devices.byLfdi(lfdi.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("lfdi: no EndDevice " + lfdi));
    }
}
