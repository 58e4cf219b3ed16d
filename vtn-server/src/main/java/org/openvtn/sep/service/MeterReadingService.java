package org.openvtn.sep.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.MeterReading;
import org.openvtn.schemas.sep.MirrorMeterReading;
import org.openvtn.schemas.sep.MirrorReadingSet;
import org.openvtn.schemas.sep.Reading;
import org.openvtn.schemas.sep.ReadingLink;
import org.openvtn.schemas.sep.ReadingList;
import org.openvtn.schemas.sep.ReadingListLink;
import org.openvtn.schemas.sep.ReadingSet;
import org.openvtn.schemas.sep.ReadingSetList;
import org.openvtn.schemas.sep.ReadingSetListLink;
import org.openvtn.sep.store.JdbcReadingStore;
import org.openvtn.sep.store.SepRecords;

/**
 * Metering read-back of mirrored values (IEEE 2030.5-2018 Metering and Metering Mirror function sets; Annex C
 * Table C.15): what a client POSTs in a MirrorMeterReading is served below its MeterReading
 * {@code /upt/{n}/mr/{m}}:
 *
 * <ul>
 *   <li>its {@code Reading} (the latest one posted) at {@code .../r}, linked by {@code ReadingLink}; subscribable,
 *   with or without a {@code Condition} (issue #17);</li>
 *   <li>its {@code MirrorReadingSet}s as a ReadingSetList at {@code .../rs} ({@code ReadingSetListLink}); a set
 *   re-posted with the same mRID replaces the earlier posting and keeps its index. Ordered by timePeriod start
 *   descending, then mRID descending (newest first, so the default {@code l=1} gives the latest set); {@code a}
 *   filters on the start;</li>
 *   <li>each set's readings as a ReadingList at {@code .../rs/{s}/r}, items {@code .../rs/{s}/r/{i}}: by localID
 *   ascending when every reading has one (interval data), otherwise in the order posted (block/tier readings).</li>
 * </ul>
 *
 * Callers authorise first (the usage point must be the caller's, see {@link MirrorService#usagePoint}).
 */
public final class MeterReadingService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MeterReadingService.class);

    /** sep.xsd SubscribableType 3: conditional and non-conditional subscriptions. */
    private static final short CONDITIONAL_AND_PLAIN = 3;

    private final JdbcReadingStore store;
    private final SepCodec codec;
    private final int maxSets;

    public MeterReadingService(JdbcReadingStore store, SepCodec codec) {
        this(store, codec, org.openvtn.core.service.StoreLimits.DEFAULT.maxReadingSetsPerReading());
    }

    /**
     * @param maxSets MirrorReadingSets kept per MirrorMeterReading; the oldest beyond it are deleted (issue #12
     *                item 8)
     */
    public MeterReadingService(JdbcReadingStore store, SepCodec codec, int maxSets) {
        this.store = store;
        this.codec = codec;
        this.maxSets = maxSets;
    }

    /** Records the values of a posted MirrorMeterReading (joins the caller's transaction). */
    public void record(long readingId, MirrorMeterReading mmr) {
        if (mmr.getReading() != null) {
            store.putCurrent(readingId, encode(mmr.getReading()));
        }
        for (MirrorReadingSet s : mmr.getMirrorReadingSet()) {
            long start = s.getTimePeriod() != null && s.getTimePeriod().getStart() != null
                    ? s.getTimePeriod().getStart().getValue() : 0;
            store.putSet(readingId, MirrorService.hex(s.getMRID().getValue()), start, encode(s));
        }
        if (!mmr.getMirrorReadingSet().isEmpty()) {
            int dropped = store.trimSets(readingId, maxSets);
            if (dropped > 0) {
                LOG.info("MirrorMeterReading {}: {} oldest MirrorReadingSet(s) dropped, {} kept", readingId, dropped,
                        maxSets);
            }
        }
    }

    /** Adds ReadingLink / ReadingSetListLink to a MeterReading when it has such values. */
    public void links(MeterReading r, SepRecords.MirrorReading m) {
        if (store.current(m.id()).isPresent()) {
            ReadingLink l = new ReadingLink();
            l.setHref(currentHref(m));
            r.setReadingLink(l);
        }
        long sets = store.setCount(m.id());
        if (sets > 0) {
            ReadingSetListLink l = new ReadingSetListLink();
            l.setHref(base(m) + "/rs");
            l.setAll(sets);
            r.setReadingSetListLink(l);
        }
    }

    /**
     * @return the latest Reading posted with the MirrorMeterReading; {@code subscribable="3"} (sep.xsd
     *         SubscribableType: conditional and non-conditional subscriptions, see {@link ReadingConditions})
     */
    public Reading current(SepRecords.MirrorReading m) {
        Reading r = decode(store.current(m.id()).orElseThrow(() -> SepException.notFound("no Reading")), Reading.class);
        r.setHref(currentHref(m));
        r.setSubscribable(CONDITIONAL_AND_PLAIN);
        return r;
    }

    /**
     * @param posted the Reading of a MirrorMeterReading just recorded
     * @return it as {@link #current} serves it now (a copy: href, subscribable), for its Notifications
     */
    public Reading served(SepRecords.MirrorReading m, Reading posted) {
        Reading r = decode(encode(posted), Reading.class);
        r.setHref(currentHref(m));
        r.setSubscribable(CONDITIONAL_AND_PLAIN);
        return r;
    }

    /** @return the href of the MeterReading's latest Reading ({@code /upt/{u}/mr/{m}/r}) */
    public static String currentHref(SepRecords.MirrorReading m) {
        return base(m) + "/r";
    }

    /** @return a ReadingSetList page */
    public ReadingSetList readingSetList(SepRecords.MirrorReading m, ListQuery q) {
        // paged in the store (issue #12 item 8): startTime descending, then mRID descending; a = startTime filter
        ListQuery.Page<JdbcReadingStore.ReadingSetDoc> page = q.page(store.setCount(m.id(), q.after()),
                (start, limit) -> store.setPage(m.id(), q.after(), start, limit));
        ReadingSetList l = new ReadingSetList();
        l.setHref(base(m) + "/rs");
        l.setSubscribable((short) 0);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(d -> l.getReadingSet().add(readingSet(m, d)));
        return l;
    }

    /** @return one ReadingSet */
    public ReadingSet readingSet(SepRecords.MirrorReading m, long setId) {
        return readingSet(m, set(m, setId));
    }

    /** @return a page of a set's ReadingList */
    public ReadingList readingList(SepRecords.MirrorReading m, long setId, ListQuery q) {
        JdbcReadingStore.ReadingSetDoc d = set(m, setId);
        List<Reading> ordered = readings(m, d);
        ListQuery.Page<Reading> page = q.page(ordered, null);
        ReadingList l = new ReadingList();
        l.setHref(setHref(m, d) + "/r");
        l.setSubscribable((short) 0);
        l.setAll(page.all());
        l.setResults(page.results());
        l.getReading().addAll(page.items());
        return l;
    }

    /** @return one Reading of a set, by its index in the ReadingList */
    public Reading reading(SepRecords.MirrorReading m, long setId, long index) {
        List<Reading> ordered = readings(m, set(m, setId));
        if (index >= ordered.size()) {
            throw SepException.notFound("Reading " + index);
        }
        return ordered.get((int) index);
    }

    private JdbcReadingStore.ReadingSetDoc set(SepRecords.MirrorReading m, long setId) {
        return store.set(m.id(), setId).orElseThrow(() -> SepException.notFound("ReadingSet " + setId));
    }

    private ReadingSet readingSet(SepRecords.MirrorReading m, JdbcReadingStore.ReadingSetDoc d) {
        MirrorReadingSet posted = decode(d.body(), MirrorReadingSet.class);
        ReadingSet s = new ReadingSet();
        s.setHref(setHref(m, d));
        s.setMRID(posted.getMRID());
        s.setDescription(posted.getDescription());
        s.setVersion(posted.getVersion());
        s.setTimePeriod(posted.getTimePeriod());
        ReadingListLink l = new ReadingListLink();
        l.setHref(setHref(m, d) + "/r");
        l.setAll((long) posted.getReading().size());
        s.setReadingListLink(l);
        return s;
    }

    /** The set's readings in list order, each with its href. */
    private List<Reading> readings(SepRecords.MirrorReading m, JdbcReadingStore.ReadingSetDoc d) {
        List<Reading> rs = new ArrayList<>(decode(d.body(), MirrorReadingSet.class).getReading());
        if (rs.stream().allMatch(r -> r.getLocalID() != null)) {
            rs.sort(Comparator.comparing(r -> new java.math.BigInteger(1, r.getLocalID())));
        }
        for (int i = 0; i < rs.size(); i++) {
            rs.get(i).setHref(setHref(m, d) + "/r/" + i);
        }
        return rs;
    }

    private static String base(SepRecords.MirrorReading m) {
        return SepPaths.upt(m.mupId()) + "/mr/" + m.id();
    }

    private static String setHref(SepRecords.MirrorReading m, JdbcReadingStore.ReadingSetDoc d) {
        return base(m) + "/rs/" + d.id();
    }

    private byte[] encode(Object o) {
        try {
            return codec.encode(o);
        } catch (XmlCodecException e) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "cannot store: " + e.getMessage());
        }
    }

    private <T> T decode(byte[] body, Class<T> type) {
        try {
            return codec.decode(body, type);
        } catch (XmlCodecException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " no longer decodes", e);
        }
    }
}
