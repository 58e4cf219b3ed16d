package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Migration V9 on a database that V1..V8 created (issue #13, the core speaks of participants): event responses
 * recorded with an OpenADR 2.0b responseCode get the neutral outcome (2xx ACCEPTED, 460 signal not supported
 * NOT_SUPPORTED, any other ERROR) and keep the code as opaque text; the protocol's column is gone.
 */
class MigrationV9Test {


    /** OpenADR 2.0b 8.1.3 response codes 200, 460 and 454 become ACCEPTED, NOT_SUPPORTED and ERROR. */
    @Test
    void responseCodesBecomeOutcomesAndOpaqueCodes() throws Exception {
        String name = "migv9" + System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:derby:memory:" + name + ";create=true");
             Statement s = c.createStatement()) {
            LegacySchema.create(c, 8);
            int n = 0;
            for (int code : new int[] {200, 460, 454}) {
                s.execute("INSERT INTO event_responses (event_id, ven_id, modification_number, opt_type, "
                        + "response_code, received_at) VALUES ('e1', 'ven" + n++ + "', 0, 'OPT_IN', " + code
                        + ", CURRENT_TIMESTAMP)");
            }
        }
        try (Database db = Database.openMemory(name)) {
            db.inTransaction(c -> {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT outcome, protocol_code FROM event_responses ORDER BY id")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2));
                    }
                }
                assertEquals(List.of("ACCEPTED 200", "NOT_SUPPORTED 460", "ERROR 454"), rows);
                try (ResultSet cols = c.getMetaData().getColumns(null, null, "EVENT_RESPONSES", "RESPONSE_CODE")) {
                    assertFalse(cols.next(), "response_code is dropped");
                }
                return null;
            });
        }
    }
}
