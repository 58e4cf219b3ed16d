package org.openvtn.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Interval;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Signal;
import org.openvtn.core.Targets;

/**
 * JSON form of {@link EventSpec} / {@link Event} used for the {@code spec} and {@code snapshot} CLOB columns:
 * the records below, bound by Jackson. Internal storage format (not the admin API format); field names are stable
 * and fields added later are optional when read, so stored history stays readable (EventCodecTest).
 */
final class EventCodec {
    /** Unknown fields are ignored when reading: a newer version's rows stay readable by this one. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private EventCodec() {
    }

    /** The snapshot column. */
    record StoredEvent(String id, long modificationNumber, boolean cancelled, String marketContext,
                       String createdAt, String modifiedAt, StoredSpec spec) {
    }

    /**
     * The spec column; {@code randomizeDuration} is absent when zero (and in rows written before it existed).
     */
    record StoredSpec(String programId, String start, long priority, String responseRequired, String randomizeStart,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String randomizeDuration, String rampUp,
                      String recovery, boolean testEvent,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String vtnComment, StoredTargets targets,
                      List<StoredSignal> signals) {
    }

    record StoredTargets(boolean all, Set<String> venIds, Set<String> groupIds, Set<String> resourceIds,
                         Set<String> partyIds) {
    }

    record StoredSignal(String signalId, String name, String type,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String units, List<StoredInterval> intervals) {
    }

    record StoredInterval(int uid, String duration, double value) {
    }

    static String encodeSpec(EventSpec s) {
        return write(stored(s));
    }

    static String encodeEvent(Event e) {
        return write(new StoredEvent(e.id(), e.modificationNumber(), e.cancelled(), e.marketContext(),
                e.createdAt().toString(), e.modifiedAt().toString(), stored(e.spec())));
    }

    static Event decodeEvent(String json) {
        StoredEvent n = read(json, StoredEvent.class);
        return new Event(n.id(), n.modificationNumber(), n.cancelled(), n.marketContext(),
                Instant.parse(n.createdAt()), Instant.parse(n.modifiedAt()), spec(n.spec()));
    }

    static EventSpec decodeSpec(String json) {
        return spec(read(json, StoredSpec.class));
    }

    private static StoredSpec stored(EventSpec s) {
        Targets t = s.targets();
        return new StoredSpec(s.programId(), s.start().toString(), s.priority(), s.responseRequired().name(),
                s.randomizeStart().toString(), s.randomizeDuration().isZero() ? null : s.randomizeDuration().toString(),
                s.rampUp().toString(), s.recovery().toString(), s.testEvent(), s.vtnComment(),
                new StoredTargets(t.all(), t.participantIds(), t.groupIds(), t.resourceIds(), t.partyIds()),
                s.signals().stream().map(sig -> new StoredSignal(sig.signalId(), sig.name(), sig.type(), sig.units(),
                        sig.intervals().stream().map(iv -> new StoredInterval(iv.uid(), iv.duration().toString(),
                                iv.value())).toList())).toList());
    }

    /**
     * Stored specs were validated when written; rebuilt without re-validation so that rule changes never make
     * stored history unreadable.
     */
    private static EventSpec spec(StoredSpec n) {
        StoredTargets t = n.targets();
        return new EventSpec(n.programId(), Instant.parse(n.start()),
                n.signals().stream().map(sn -> new Signal(sn.signalId(), sn.name(), sn.type(), sn.units(),
                        sn.intervals().stream().map(in -> new Interval(in.uid(), Duration.parse(in.duration()),
                                in.value())).toList())).toList(),
                new Targets(t.all(), set(t.venIds()), set(t.groupIds()), set(t.resourceIds()), set(t.partyIds())),
                n.priority(), ResponseRequired.valueOf(n.responseRequired()), Duration.parse(n.randomizeStart()),
                n.randomizeDuration() == null ? Duration.ZERO : Duration.parse(n.randomizeDuration()),
                Duration.parse(n.rampUp()), Duration.parse(n.recovery()), n.testEvent(), n.vtnComment());
    }

    private static Set<String> set(Set<String> s) {
        return s == null ? Set.of() : s;
    }

    private static String write(Object n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode event", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt event JSON in database", e);
        }
    }
}
