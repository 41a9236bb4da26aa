package dev.ccbackend.migrator.db.convert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.CcMigrator;
import dev.ccbackend.migrator.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs cc-migrator in-process and keeps what it printed. */
record TestingCli(int exitCode, String out, String err) {

    static TestingCli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = CcMigrator.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new TestingCli(rc, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return Json.MAPPER.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
        }
    }

    /** The one {@code error:} line, if any. */
    String errorLine() {
        return err.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
    }
}
