package org.openvtn.sep.notify;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.service.SepRates;
import org.openvtn.sep.store.SepRecords;
import org.openvtn.sep.store.SepSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which subscriptions a change concerns (IEEE 2030.5-2018 §5.6: a Notification goes to the subscribers of the
 * resource that changed), judged from the subscribed path alone: an operator change-log row, a change of the program
 * set, a core event of a program. Moved out of {@link SepNotifier}, which renders and queues the Notifications of the
 * subscriptions chosen here; nothing here reads the database.
 */
final class NotificationScopes {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationScopes.class);
    private static final Pattern PATH = Pattern.compile("/edev/(\\d{1,18})(.*)");
    private static final Pattern PROGRAM = Pattern.compile("/(?:fsa|derp|drp|tp|msg)/([^/]+).*");

    private NotificationScopes() {
    }

    /** Whether a change concerns a subscription. */
    interface Affected {
        boolean test(SepSubscription s);
    }

    /** The subscriptions an operator change-log row concerns. */
    static Affected changeLog(SepRecords.Change c) {
        return switch (c.kind()) {
            case "dderc" -> s -> s.subscribedResource().endsWith("/derp/" + c.programId() + "/dderc");
            // a TariffProfile or RateComponent defined, replaced or deleted: the program's pricing lists
            case "tp" -> s -> s.subscribedResource().contains("/tp/" + c.programId() + "/");
            // a TextMessage posted or cancelled: the program's TextMessageLists
            case "msg" -> s -> s.subscribedResource().contains("/msg/" + c.programId() + "/");
            // a flow reservation posted, cancelled or answered: the device's FlowReservationResponseList
            case "frp" -> s -> s.deviceId() == c.deviceId() && rest(s).equals("/frp");
            case "edev" -> s -> s.deviceId() == c.deviceId() && rest(s).isEmpty();
            case "groups" -> s -> s.deviceId() == c.deviceId() && !s.subscribedResource().startsWith(SepPaths.UPT);
            case "fsa" -> s -> rest(s).equals("/fsa");
            // a program's primacy changed: its DERProgramList / DemandResponseProgramList (CSIP-AUS S-ALL-49)
            case "primacy" -> s -> rest(s).equals("/fsa/" + c.programId() + "/derp")
                    || rest(s).equals("/fsa/" + c.programId() + "/drp");
            // the operator changed a resource type's pollRate: subscribers of such lists (CSIP-AUS S-ALL-43)
            case SepRates.POLL_CHANGE -> s -> pollRateOf(s, c.programId());
            default -> {
                LOG.debug("ignoring change kind {}", c.kind());
                yield s -> false;
            }
        };
    }

    /**
     * The subscriptions a change of the program set concerns: every FunctionSetAssignmentsList and EndDevice (and the
     * EndDeviceList), and every resource of a {@code removed} program (it ends with status 4).
     */
    static Affected programsChanged(Set<String> removed) {
        return s -> rest(s).equals("/fsa") || rest(s).isEmpty() || program(s).map(removed::contains).orElse(false);
    }

    /**
     * Whether a subscription is to a resource a core event of {@code programId} can change (its control lists and
     * program lists); not the DefaultDERControl nor TextMessages, which are no core events. Whether the event targets
     * the subscriber's device is the caller's to judge.
     */
    static boolean ofEventProgram(SepSubscription s, String programId) {
        return program(s).map(programId::equals).orElse(false) && !s.subscribedResource().endsWith("/dderc")
                && !s.subscribedResource().contains("/msg/");
    }

    /** Whether a subscription's resource is of the sep.xsd type whose pollRate changed. */
    private static boolean pollRateOf(SepSubscription s, String type) {
        String rest = rest(s);
        return switch (type) {
            case "EndDeviceList" -> SepPaths.EDEV.equals(s.subscribedResource());
            case "FunctionSetAssignmentsList" -> rest.equals("/fsa");
            case "DERProgramList" -> rest.matches("/fsa/[^/]+/derp");
            case "DemandResponseProgramList" -> rest.matches("/fsa/[^/]+/drp");
            default -> false;
        };
    }

    private static Optional<String> program(SepSubscription s) {
        Matcher m = PROGRAM.matcher(rest(s));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The path below {@code /edev/{e}}: "" for the EndDevice and the EndDeviceList, the path itself elsewhere. */
    private static String rest(SepSubscription s) {
        Matcher m = PATH.matcher(s.subscribedResource());
        return m.matches() ? m.group(2) : SepPaths.EDEV.equals(s.subscribedResource()) ? "" : s.subscribedResource();
    }
}
