package org.openvtn.sep.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openvtn.core.ProgramService;
import org.openvtn.sep.store.JdbcMessageStore;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.SepEndDevice;

/**
 * The Messaging function set (IEEE 2030.5-2018 §10.6): the operator posts TextMessages to a program's
 * MessagingProgram, for every device that sees the program, the devices of one group, or one LFDI. A message is an
 * event: Scheduled before its start, Active during, Cancelled once the operator cancels it, gone after its end.
 * 2030.5-only: OpenADR has no text message, so no OpenADR VEN receives anything (docs/ieee-2030.5.md "Messaging").
 */
public final class MessagingService {
    /** Longest message accepted (bytes, UTF-8); sep.xsd leaves textMessage unbounded, devices' displays do not. */
    public static final int MAX_TEXT = 1024;
    /** Longest message duration. */
    public static final Duration MAX_DURATION = Duration.ofDays(366);

    private final JdbcMessageStore store;
    private final JdbcSepRecordStore records;
    private final ProgramService programs;
    private final Clock clock;

    public MessagingService(JdbcMessageStore store, JdbcSepRecordStore records, ProgramService programs,
                            Clock clock) {
        this.store = store;
        this.records = records;
        this.programs = programs;
        this.clock = clock;
    }

    /**
     * What the operator posts.
     *
     * @param text       textMessage, 1..{@value #MAX_TEXT} bytes
     * @param priority   PriorityType 0 low, 1 normal, 2 high, 3 critical
     * @param originator originator (String20) or null
     * @param start      start, or null for now
     * @param duration   how long it is shown, 1 s .. 366 days
     * @param groupId    only the devices of this group, or null
     * @param lfdi       only this device (40 hex digits), or null
     */
    public record Post(String text, int priority, String originator, Instant start, Duration duration,
                       String groupId, String lfdi) {
    }

    /**
     * @return the stored message
     * @throws IllegalArgumentException naming the field ({@code programId} for an unknown program)
     */
    public JdbcMessageStore.Message post(String programId, Post p) {
        program(programId);
        if (p.text() == null || p.text().isBlank() || p.text().getBytes(StandardCharsets.UTF_8).length > MAX_TEXT) {
            throw new IllegalArgumentException("text: 1.." + MAX_TEXT + " bytes of text required");
        }
        if (p.priority() < 0 || p.priority() > 3) {
            throw new IllegalArgumentException("priority: 0 low, 1 normal, 2 high or 3 critical; got " + p.priority());
        }
        if (p.originator() != null && p.originator().getBytes(StandardCharsets.UTF_8).length > 20) {
            throw new IllegalArgumentException("originator: at most 20 bytes (sep.xsd String20)");
        }
        if (p.duration() == null || p.duration().toSeconds() < 1 || p.duration().compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration: 1 s .. 366 days required");
        }
        if (p.lfdi() != null && !p.lfdi().matches("[0-9A-Fa-f]{40}")) {
            throw new IllegalArgumentException("lfdi: 40 hex digits");
        }
        if (p.groupId() != null && p.lfdi() != null) {
            throw new IllegalArgumentException("groupId: give groupId or lfdi, not both");
        }
        Instant now = clock.instant();
        Instant start = p.start() == null ? Instant.ofEpochSecond(now.getEpochSecond()) : p.start();
        JdbcMessageStore.Message m = store.insert(new JdbcMessageStore.Message(0, programId, p.groupId(),
                p.lfdi() == null ? null : p.lfdi().toUpperCase(Locale.ROOT), p.text(), p.originator(), p.priority(),
                start, p.duration(), now, null));
        changed(programId);
        return m;
    }

    /** @return the program's messages, ended and cancelled ones included */
    public List<JdbcMessageStore.Message> list(String programId) {
        program(programId);
        return store.list(programId);
    }

    /** Cancels a message (EventStatus Cancelled until its end); false when there is no such uncancelled one. */
    public boolean cancel(String programId, long id) {
        program(programId);
        boolean done = store.cancel(programId, id, clock.instant());
        if (done) {
            changed(programId);
        }
        return done;
    }

    /**
     * @param activeOnly only Active ones (ActiveTextMessageList)
     * @return the messages the device sees now as events, in list order (start, creationTime desc, mRID desc)
     */
    public List<SepControl> visible(SepEndDevice d, String programId, boolean activeOnly) {
        Instant now = clock.instant();
        List<SepControl> out = new ArrayList<>();
        for (JdbcMessageStore.Message m : store.list(programId)) {
            boolean mine = (m.groupId() == null || d.groupIds().contains(m.groupId()))
                    && (m.lfdi() == null || m.lfdi().equalsIgnoreCase(d.lfdi()));
            if (!mine || !now.isBefore(m.end())) {
                continue;
            }
            SepControl c = event(m, now);
            if (!activeOnly || c.currentStatus() == SepControl.ACTIVE) {
                out.add(c);
            }
        }
        out.sort(ControlMapping.LIST_ORDER);
        return out;
    }

    /** The message as an event: key {@code txt:{id}}, value its priority. */
    static SepControl event(JdbcMessageStore.Message m, Instant now) {
        short status;
        Instant at;
        if (m.cancelledAt() != null) {
            status = SepControl.CANCELLED;
            at = m.cancelledAt();
        } else if (now.isBefore(m.start())) {
            status = SepControl.SCHEDULED;
            at = m.createdAt();
        } else {
            status = SepControl.ACTIVE;
            at = m.start();
        }
        return SepControl.single(SepControl.Kind.TEXT_MESSAGE, m.programId(), "txt" + m.id(), "txt:" + m.id(), 1,
                m.createdAt(), m.start(), m.duration(), status, at,
                SepControl.Mode.TEXT_PRIORITY, m.priority(), 0, 0, -1);
    }

    private void changed(String programId) {
        records.recordChange("msg", null, programId, clock.instant());
    }

    private void program(String programId) {
        if (programs.get(programId).isEmpty()) {
            throw new IllegalArgumentException("programId: unknown program " + programId);
        }
    }
}
