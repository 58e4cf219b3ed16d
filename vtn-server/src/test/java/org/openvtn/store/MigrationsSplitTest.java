package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, "tests that assert too little": how {@link Migrations#statements(String)} cuts a migration script into
 * the statements it runs. A statement ends with ';' at the end of a line; a ';' inside a string literal or a comment
 * does not end it; comments (whole-line and trailing) and empty statements are dropped; CRLF scripts split as LF.
 */
class MigrationsSplitTest {

    @Test
    void splitsAtSemicolonAtEndOfLine() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE TABLE b (\ny INT\n)"),
                Migrations.statements("CREATE TABLE a (x INT);\nCREATE TABLE b (\n  y INT\n);\n"));
    }

    @Test
    void semicolonsInsideStringsDoNotSplit() {
        assertEquals(List.of("INSERT INTO t VALUES ('a;b', 'c; d')"),
                Migrations.statements("INSERT INTO t VALUES ('a;b', 'c; d');\n"));
    }

    @Test
    void commentsAreDroppedEvenWithSemicolons() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "INSERT INTO t VALUES ('--not a comment')"),
                Migrations.statements("-- first; not a statement;\nCREATE TABLE a (x INT); -- why; it matters\n"
                        + "  -- indented comment;\nINSERT INTO t VALUES ('--not a comment');\n"));
    }

    @Test
    void emptyStatementsAreDropped() {
        assertEquals(List.of("CREATE TABLE a (x INT)"), Migrations.statements(";\n\nCREATE TABLE a (x INT);\n;\n  ;  \n"));
    }

    @Test
    void crlfScriptsSplitLikeLf() {
        String lf = "-- c\nCREATE TABLE a (\nx INT\n);\nINSERT INTO a VALUES (1);\n";
        assertEquals(Migrations.statements(lf), Migrations.statements(lf.replace("\n", "\r\n")));
        assertEquals(2, Migrations.statements(lf.replace("\n", "\r\n")).size());
    }

    @Test
    void aLastStatementWithoutSemicolonIsKept() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"),
                Migrations.statements("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT)\n"));
    }
}
