package org.openvtn.sep.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.VtnStore;

/**
 * CustomerAccounts of the Billing function set per program (table {@code sep_billing_accounts}, migration
 * {@code V46__sep_billing.sql}). Definitions are opaque text to the store.
 */
public final class JdbcBillingStore {
    private static final String SELECT = "SELECT program_id, account_id, definition, created_at"
            + " FROM sep_billing_accounts";

    private final Database db;

    private JdbcBillingStore(Database db) {
        this.db = db;
    }

    /** @return a store on the core store's database */
    public static JdbcBillingStore on(VtnStore store) {
        return new JdbcBillingStore(store.database());
    }

    /**
     * A stored CustomerAccount.
     *
     * @param programId  core program whose FunctionSetAssignments link it
     * @param accountId  the {a} of {@code /edev/{e}/ca/{p}/{a}}
     * @param definition the definition's text form
     * @param createdAt  when it was (re)defined
     */
    public record Entry(String programId, int accountId, String definition, Instant createdAt) {
    }

    /** Creates or replaces an account. */
    public Entry put(String programId, int accountId, String definition, Instant now) {
        return db.inTransaction(c -> {
            delete(c, programId, accountId);
            Jdbc.update(c, "INSERT INTO sep_billing_accounts (program_id, account_id, definition, created_at) "
                    + "VALUES (?, ?, ?, ?)", ps -> {
                        ps.setString(1, programId);
                        ps.setInt(2, accountId);
                        ps.setString(3, definition);
                        Jdbc.setInstant(ps, 4, now);
                    });
            return new Entry(programId, accountId, definition, now);
        });
    }

    /** @return the program's accounts by account id */
    public List<Entry> list(String programId) {
        return db.inTransaction(c -> Jdbc.list(c, SELECT + " WHERE program_id = ? ORDER BY account_id",
                ps -> ps.setString(1, programId), rs -> new Entry(rs.getString(1), rs.getInt(2), rs.getString(3),
                        Jdbc.instant(rs, 4))));
    }

    /** @return one account */
    public Optional<Entry> get(String programId, int accountId) {
        return list(programId).stream().filter(e -> e.accountId() == accountId).findFirst();
    }

    /** Deletes an account; false when there was none. */
    public boolean delete(String programId, int accountId) {
        return db.inTransaction(c -> delete(c, programId, accountId) == 1);
    }

    private static int delete(java.sql.Connection c, String programId, int accountId) throws java.sql.SQLException {
        return Jdbc.update(c, "DELETE FROM sep_billing_accounts WHERE program_id = ? AND account_id = ?", ps -> {
            ps.setString(1, programId);
            ps.setInt(2, accountId);
        });
    }
}
