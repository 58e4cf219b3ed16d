package org.openvtn.store;

import java.util.List;
import java.util.Optional;

/** Base of the core's JDBC stores: {@link Jdbc} calls, each inside {@link Database#inTransaction} (nested calls join). */
abstract class JdbcSupport {
    protected final Database db;

    JdbcSupport(Database db) {
        this.db = db;
    }

    protected <T> List<T> query(String sql, Jdbc.Binder binder, Jdbc.Row<T> mapper) {
        return db.inTransaction(c -> Jdbc.list(c, sql, binder, mapper));
    }

    protected <T> Optional<T> queryOne(String sql, Jdbc.Binder binder, Jdbc.Row<T> mapper) {
        List<T> list = query(sql, binder, mapper);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    protected int update(String sql, Jdbc.Binder binder) {
        return db.inTransaction(c -> Jdbc.update(c, sql, binder));
    }
}
