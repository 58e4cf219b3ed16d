package org.openvtn.conformance.oadr20b.ven;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseContext;

/**
 * How the suite makes the VEN under test act, from the target property {@code venDriver}:
 * <ul>
 *   <li>{@code automation} (default when the target file has {@code admin.url}): the VEN automation interface
 *       (conformance-tests/README.md; {@code openvtn ven --control-port}) at {@code admin.url}, bearer token from
 *       {@code admin.token}/{@code admin.tokenFile};</li>
 *   <li>{@code console} (default otherwise): the operator is asked through the prompter; without an operator the
 *       case ends SKIPPED saying what was needed;</li>
 *   <li>{@code patience}: nobody can act; the suite only waits (patience plus one poll interval) for what the VEN
 *       does on its own. A case that needs the VEN to act ends SKIPPED naming the action.</li>
 * </ul>
 */
final class VenDriver {

    enum Mode { AUTOMATION, CONSOLE, PATIENCE }

    private final CaseContext ctx;
    private final Mode mode;

    private VenDriver(CaseContext ctx, Mode mode) {
        this.ctx = ctx;
        this.mode = mode;
    }

    static VenDriver of(CaseContext ctx) {
        String m = ctx.target().property("venDriver", ctx.admin().isPresent() ? "automation" : "console").trim();
        Mode mode = switch (m) {
            case "automation" -> Mode.AUTOMATION;
            case "console" -> Mode.CONSOLE;
            case "patience" -> Mode.PATIENCE;
            default -> throw new IllegalArgumentException("venDriver: automation, console or patience, was " + m);
        };
        if (mode == Mode.AUTOMATION && ctx.admin().isEmpty()) {
            throw new IllegalArgumentException("venDriver automation needs admin.url (the VEN automation interface)");
        }
        return new VenDriver(ctx, mode);
    }

    Mode mode() {
        return mode;
    }

    String describe() {
        return switch (mode) {
            case AUTOMATION -> "the VEN automation interface at the target's admin.url";
            case CONSOLE -> "the operator console";
            case PATIENCE -> "patience (the suite waits for what the VEN does on its own)";
        };
    }

    private AdminClient api() {
        return ctx.admin().orElseThrow();
    }

    private void cannot(String what) {
        throw new UnsupportedOperationException("venDriver patience cannot ask the VEN to " + what
                + "; use venDriver automation or console");
    }

    /** Registers the VEN (when unregistered: the whole bootstrap; {@code fresh}: a new oadrCreatePartyRegistration). */
    void register(boolean fresh, String url) {
        switch (mode) {
            case AUTOMATION -> api().post("/register" + (fresh ? "?new=true" : ""), Map.of());
            case CONSOLE -> ctx.prompter().ask(fresh ? "Make the VEN register again (re-registration) with the VTN at "
                    + url + ", then press Enter" : "Start the VEN (or make it query/create its registration) against the"
                    + " VTN at " + url + ", then press Enter");
            case PATIENCE -> ctx.note("waiting for the VEN to register on its own with " + url);
        }
    }

    /** Asks a registered VEN to query (and with {@code fresh} re-create) its registration. */
    void reregister(boolean fresh, String url) {
        if (mode == Mode.PATIENCE) {
            cannot(fresh ? "re-register" : "query its registration");
        }
        register(fresh, url);
    }

    void cancelRegistration() {
        switch (mode) {
            case AUTOMATION -> api().post("/cancel-registration", Map.of());
            case CONSOLE -> ctx.prompter().ask("Make the VEN cancel its registration (oadrCancelPartyRegistration),"
                    + " then press Enter");
            case PATIENCE -> cannot("cancel its registration");
        }
    }

    /** Asks for an immediate poll (automation only); the others wait for the VEN's own poll interval. */
    void poll() {
        if (mode == Mode.AUTOMATION) {
            api().post("/poll", Map.of());
        }
    }

    /** The VEN changes its answer to an event to optOut through oadrCreatedEvent. */
    void optOutEvent(String eventId) {
        switch (mode) {
            case AUTOMATION -> api().post("/events/" + enc(eventId) + "/opt?type=optOut", Map.of());
            case CONSOLE -> ctx.prompter().ask("Make the VEN opt out of event " + eventId + " (oadrCreatedEvent optOut),"
                    + " then press Enter");
            case PATIENCE -> cannot("opt out of an event");
        }
    }

    /** The VEN opts out of an event through EiOpt (oadrCreateOpt with qualifiedEventID); optID if known. */
    Optional<String> eventOpt(String eventId) {
        switch (mode) {
            case AUTOMATION:
                return Optional.of(String.valueOf(api().post("/events/" + enc(eventId) + "/eiopt?type=optOut",
                        Map.of()).get("optId")));
            case CONSOLE:
                ctx.prompter().ask("Make the VEN send an EiOpt optOut for event " + eventId + ", then press Enter");
                return Optional.empty();
            default:
                cannot("send an EiOpt for an event");
                return Optional.empty();
        }
    }

    /** The VEN creates an availability opt-out schedule (oadrCreateOpt with vavailability); optID if known. */
    Optional<String> createOptSchedule(Instant start) {
        switch (mode) {
            case AUTOMATION:
                return Optional.of(String.valueOf(api().post("/opt-schedules?type=optOut&duration=PT1H&start="
                        + enc(start.toString()), Map.of()).get("optId")));
            case CONSOLE:
                ctx.prompter().ask("Make the VEN create an opt-out schedule (oadrCreateOpt with an availability window),"
                        + " then press Enter");
                return Optional.empty();
            default:
                cannot("create an opt schedule");
                return Optional.empty();
        }
    }

    void cancelOptSchedule(String optId) {
        switch (mode) {
            case AUTOMATION -> api().delete("/opt-schedules/" + enc(optId));
            case CONSOLE -> ctx.prompter().ask("Make the VEN cancel its opt schedule " + optId + " (oadrCancelOpt),"
                    + " then press Enter");
            case PATIENCE -> cannot("cancel an opt schedule");
        }
    }

    /** The VEN's own view of one event (automation only): its state, modificationNumber, testEvent, start. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> event(String eventId) {
        if (mode != Mode.AUTOMATION) {
            return Optional.empty();
        }
        Object events = api().get("/state").get("events");
        if (events instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && eventId.equals(m.get("eventId"))) {
                    return Optional.of((Map<String, Object>) m);
                }
            }
        }
        return Optional.of(Map.of());
    }

    /** Asks the operator a yes/no question about the VEN's view (console only); empty otherwise. */
    Optional<Boolean> confirm(String question) {
        if (mode != Mode.CONSOLE) {
            return Optional.empty();
        }
        String a = ctx.prompter().ask(question + " [y/n]");
        return Optional.of(a != null && a.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
