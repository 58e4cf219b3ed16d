package org.openvtn.sep.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.ReadCache;
import org.openvtn.store.VtnStore;

/**
 * Aggregator clients and their sites (tables {@code sep_aggregators}, {@code sep_aggregator_sites}; migration
 * {@code V20__sep_aggregators.sql}). LFDIs are stored upper-case, as in {@code sep_end_devices}. {@link #find} and
 * {@link #aggregatorOf}, read on every 2030.5 request, go through {@link ReadCache}s (issue #18) that every write here
 * drops (Derby only; on PostgreSQL every call reads).
 */
public final class JdbcAggregatorStore {
    private final Database db;
    private final ReadCache<String, Optional<SepAggregator>> byLfdi;
    private final ReadCache<String, Optional<String>> managerOf;

    private JdbcAggregatorStore(Database db) {
        this.db = db;
        this.byLfdi = ReadCache.on(db, "sep_aggregators.by_lfdi");
        this.managerOf = ReadCache.on(db, "sep_aggregator_sites.by_device");
    }

    /** Drops both caches; every write calls it inside its transaction (aggregator changes are operator actions). */
    private void forget() {
        byLfdi.forgetAll();
        managerOf.forgetAll();
    }

    /** @return a store on the core store's database */
    public static JdbcAggregatorStore on(VtnStore store) {
        return new JdbcAggregatorStore(store.database());
    }

    /** @return the aggregator with that LFDI */
    public Optional<SepAggregator> find(String lfdi) {
        return byLfdi.get(lfdi, () -> db.inTransactionOrReread(c -> find(c, lfdi)));
    }

    /** @return every aggregator, by LFDI */
    public List<SepAggregator> list() {
        return db.inTransactionOrReread(c -> {
            List<String> ids = Jdbc.list(c, "SELECT lfdi FROM sep_aggregators ORDER BY lfdi", ps -> { },
                    rs -> rs.getString(1));
            List<SepAggregator> out = new java.util.ArrayList<>();
            for (String id : ids) {
                find(c, id).ifPresent(out::add);
            }
            return out;
        });
    }

    /** @return the LFDI of the aggregator managing that site, if any */
    public Optional<String> aggregatorOf(String deviceLfdi) {
        return managerOf.get(deviceLfdi, () -> db.inTransactionOrReread(c -> Jdbc.one(c,
                "SELECT aggregator_lfdi FROM sep_aggregator_sites WHERE device_lfdi = ?",
                ps -> ps.setString(1, deviceLfdi), rs -> rs.getString(1))));
    }

    /**
     * Creates or replaces an aggregator: its self-registration right and its named sites. Sites it registered itself
     * stay (they are its EndDevices).
     *
     * @throws IllegalArgumentException naming {@code sites} when a site is managed by another aggregator
     */
    public SepAggregator put(String lfdi, boolean selfRegister, Set<String> sites, Instant now) {
        return db.inTransactionOrReread(c -> {
            forget();
            for (String site : sites) {
                Optional<String> owner = Jdbc.one(c, "SELECT aggregator_lfdi FROM sep_aggregator_sites WHERE "
                        + "device_lfdi = ?", ps -> ps.setString(1, site), rs -> rs.getString(1));
                if (owner.isPresent() && !owner.get().equals(lfdi)) {
                    throw new IllegalArgumentException("sites: " + site + " is managed by aggregator " + owner.get());
                }
            }
            if (find(c, lfdi).isPresent()) {
                Jdbc.update(c, "UPDATE sep_aggregators SET self_register = ? WHERE lfdi = ?", ps -> {
                    ps.setBoolean(1, selfRegister);
                    ps.setString(2, lfdi);
                });
            } else {
                Jdbc.update(c, "INSERT INTO sep_aggregators (lfdi, self_register, created_at) VALUES (?, ?, ?)", ps -> {
                    ps.setString(1, lfdi);
                    ps.setBoolean(2, selfRegister);
                    Jdbc.setInstant(ps, 3, now);
                });
            }
            Jdbc.update(c, "DELETE FROM sep_aggregator_sites WHERE aggregator_lfdi = ? AND self_registered = ?", ps -> {
                ps.setString(1, lfdi);
                ps.setBoolean(2, false);
            });
            for (String site : sites) {
                // a site it registered itself and the operator now names becomes a named one
                Jdbc.update(c, "DELETE FROM sep_aggregator_sites WHERE device_lfdi = ?", ps -> ps.setString(1, site));
                addSite(c, lfdi, site, false);
            }
            return find(c, lfdi).orElseThrow();
        });
    }

    /** Records a site the aggregator registered itself (in-band EndDevice POST). */
    public void addSelfRegistered(String aggregatorLfdi, String deviceLfdi) {
        db.inTransactionOrReread(c -> {
            forget();
            addSite(c, aggregatorLfdi, deviceLfdi, true);
            return null;
        });
    }

    /** @return false when there was no such aggregator (its site rows go with it) */
    public boolean delete(String lfdi) {
        return db.inTransactionOrReread(c -> {
            forget();
            Jdbc.update(c, "DELETE FROM sep_aggregator_sites WHERE aggregator_lfdi = ?", ps -> ps.setString(1, lfdi));
            return Jdbc.update(c, "DELETE FROM sep_aggregators WHERE lfdi = ?", ps -> ps.setString(1, lfdi)) == 1;
        });
    }

    private static void addSite(Connection c, String aggregator, String site, boolean self) throws SQLException {
        Jdbc.update(c, "INSERT INTO sep_aggregator_sites (device_lfdi, aggregator_lfdi, self_registered) "
                + "VALUES (?, ?, ?)", ps -> {
                    ps.setString(1, site);
                    ps.setString(2, aggregator);
                    ps.setBoolean(3, self);
                });
    }

    private static Optional<SepAggregator> find(Connection c, String lfdi) throws SQLException {
        record Head(boolean self, Instant created) {
        }
        Optional<Head> head = Jdbc.one(c, "SELECT self_register, created_at FROM sep_aggregators WHERE lfdi = ?",
                ps -> ps.setString(1, lfdi), rs -> new Head(rs.getBoolean(1), Jdbc.instant(rs, 2)));
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Set<String> named = new HashSet<>();
        Set<String> self = new HashSet<>();
        Jdbc.list(c, "SELECT device_lfdi, self_registered FROM sep_aggregator_sites WHERE aggregator_lfdi = ?",
                ps -> ps.setString(1, lfdi), rs -> (rs.getBoolean(2) ? self : named).add(rs.getString(1)));
        return Optional.of(new SepAggregator(lfdi, head.get().self(), head.get().created(), named, self));
    }
}
