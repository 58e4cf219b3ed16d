package org.openvtn.sep.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.ReadCache;
import org.openvtn.store.VtnStore;

/**
 * The groups each program is offered to (table {@code sep_program_groups}, migration
 * {@code V41__sep_program_groups.sql}). Read on every FunctionSetAssignments request, so held in a {@link ReadCache}
 * (Derby only; writes drop it in their transaction; PostgreSQL reads every time).
 */
public final class JdbcProgramGroupStore {
    private static final String CACHE = "sep_program_groups";
    private final Database db;
    private final ReadCache<String, Map<String, Set<String>>> cache;

    private JdbcProgramGroupStore(Database db) {
        this.db = db;
        this.cache = ReadCache.on(db, CACHE);
    }

    /** @return a store on the core store's database */
    public static JdbcProgramGroupStore on(VtnStore store) {
        return new JdbcProgramGroupStore(store.database());
    }

    /** @return the groups per program, for programs that have any */
    public Map<String, Set<String>> all() {
        return cache.get(CACHE, () -> db.inTransactionOrReread(c -> {
            Map<String, Set<String>> out = new LinkedHashMap<>();
            Jdbc.list(c, "SELECT program_id, group_id FROM sep_program_groups ORDER BY program_id, group_id",
                    ps -> { }, rs -> out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2)));
            out.replaceAll((k, v) -> Set.copyOf(v));
            return Map.copyOf(out);
        }));
    }

    /** Replaces a program's groups (empty: offered to every EndDevice). */
    public void put(String programId, List<String> groups) {
        db.inTransactionOrReread(c -> {
            cache.forgetAll();
            Jdbc.update(c, "DELETE FROM sep_program_groups WHERE program_id = ?", ps -> ps.setString(1, programId));
            for (String g : new TreeSet<>(groups)) {
                Jdbc.update(c, "INSERT INTO sep_program_groups (program_id, group_id) VALUES (?, ?)", ps -> {
                    ps.setString(1, programId);
                    ps.setString(2, g);
                });
            }
            return null;
        });
    }
}
