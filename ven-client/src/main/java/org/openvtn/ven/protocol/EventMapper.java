package org.openvtn.ven.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.JAXBElement;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.ResponseRequiredType;
import org.openvtn.schemas.oadr20b.ei.EiEventSignalType;
import org.openvtn.schemas.oadr20b.ei.EiEventType;
import org.openvtn.schemas.oadr20b.ei.EventDescriptorType;
import org.openvtn.schemas.oadr20b.ei.IntervalType;
import org.openvtn.schemas.oadr20b.ei.PayloadFloatType;
import org.openvtn.schemas.oadr20b.ei.SignalPayloadType;
import org.openvtn.schemas.oadr20b.strm.StreamPayloadBaseType;
import org.openvtn.schemas.oadr20b.xcal.Properties;
import org.openvtn.ven.DrEvent;
import org.openvtn.ven.EventSignal;
import org.openvtn.ven.EventState;
import org.openvtn.ven.ResponseRequired;
import org.openvtn.ven.SignalInterval;
import org.openvtn.ven.VenException;

/** Maps oadrDistributeEvent to the library's immutable {@link DrEvent}s. Internal. */
public final class EventMapper {

    private EventMapper() {
    }

    /** The events of a distribution; a structurally unusable event fails the whole message with 454. */
    public static List<DrEvent> events(OadrDistributeEventType d) {
        List<DrEvent> out = new ArrayList<>();
        for (OadrDistributeEventType.OadrEvent oe : d.getOadrEvent()) {
            out.add(event(oe));
        }
        return out;
    }

    static DrEvent event(OadrDistributeEventType.OadrEvent oe) {
        EiEventType e = oe.getEiEvent();
        EventDescriptorType desc = e.getEventDescriptor();
        Properties p = e.getEiActivePeriod().getProperties();
        if (p == null || p.getDtstart() == null || p.getDtstart().getDateTime() == null) {
            throw VenException.protocol(VenException.INVALID_DATA, "event " + desc.getEventID() + " has no dtstart");
        }
        Instant dtstart = Xml.instant(p.getDtstart().getDateTime());
        Duration duration = Xml.duration(p.getDuration());
        Duration startAfter = p.getTolerance() != null && p.getTolerance().getTolerate() != null
                ? Xml.duration(p.getTolerance().getTolerate().getStartafter()) : Duration.ZERO;
        List<EventSignal> signals = new ArrayList<>();
        if (e.getEiEventSignals() != null) {
            for (EiEventSignalType s : e.getEiEventSignals().getEiEventSignal()) {
                signals.add(signal(s));
            }
        }
        String test = desc.getTestEvent();
        boolean testEvent = test != null && !"false".equalsIgnoreCase(test.trim()); // rule 6
        ResponseRequired rr = oe.getOadrResponseRequired() == ResponseRequiredType.NEVER
                ? ResponseRequired.NEVER : ResponseRequired.ALWAYS;
        String market = desc.getEiMarketContext() == null ? null : desc.getEiMarketContext().getMarketContext();
        return new DrEvent(desc.getEventID(), desc.getModificationNumber(),
                desc.getPriority() == null ? 0 : desc.getPriority(), market, Xml.instant(desc.getCreatedDateTime()),
                desc.getEventStatus() == null ? null : desc.getEventStatus().value(), testEvent, desc.getVtnComment(),
                dtstart, duration, startAfter, signals, rr, EventState.PENDING, dtstart);
    }

    private static EventSignal signal(EiEventSignalType s) {
        List<SignalInterval> intervals = new ArrayList<>();
        if (s.getIntervals() != null) {
            int i = 0;
            for (IntervalType iv : s.getIntervals().getInterval()) {
                int uid = i;
                if (iv.getUid() != null && iv.getUid().getText() != null) {
                    try {
                        uid = Integer.parseInt(iv.getUid().getText().trim());
                    } catch (NumberFormatException ex) {
                        uid = i;
                    }
                }
                intervals.add(new SignalInterval(uid, Xml.duration(iv.getDuration()), value(iv)));
                i++;
            }
        }
        Double current = s.getCurrentValue() != null && s.getCurrentValue().getPayloadFloat() != null
                ? (double) s.getCurrentValue().getPayloadFloat().getValue() : null;
        return new EventSignal(signalName(s.getSignalName()), s.getSignalType() == null ? null : s.getSignalType().value(),
                s.getSignalID(), current, intervals);
    }

    /**
     * The signal name as the library uses it: the deprecated lower-case {@code simple} of the schema's
     * signalName enumeration (still sent by 2.0a-era VTNs) is the profile's {@code SIMPLE} (2.0b §8.1.2).
     */
    public static String signalName(String name) {
        return "simple".equals(name) ? "SIMPLE" : name;
    }

    private static double value(IntervalType iv) {
        for (JAXBElement<? extends StreamPayloadBaseType> el : iv.getStreamPayloadBase()) {
            if (el.getValue() instanceof SignalPayloadType sp && sp.getPayloadBase() != null
                    && sp.getPayloadBase().getValue() instanceof PayloadFloatType f) {
                return f.getValue();
            }
        }
        return 0;
    }
}
