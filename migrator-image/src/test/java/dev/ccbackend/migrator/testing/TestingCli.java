package dev.ccbackend.migrator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.cli.CcMigrator;
import dev.ccbackend.migrator.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs cc-migrator in-process and keeps its exit code and what it printed. */
public record TestingCli(int exitCode, String out, String err) {

    public static TestingCli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = CcMigrator.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new TestingCli(rc, out.toString(), err.toString());
    }

    /** stdout as JSON; an assertion error naming both streams when it is not. */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
        }
    }

    /** The one {@code error:} line, if any. */
    public String errorLine() {
        return err.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
    }

    /** Both streams, for an assertion's description. */
    public String printed() {
        return out + "\n" + err;
    }
}
