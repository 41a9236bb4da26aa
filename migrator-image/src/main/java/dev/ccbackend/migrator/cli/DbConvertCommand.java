package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.db.convert.DbConversionResult;
import dev.ccbackend.migrator.db.convert.ConvertProgress;
import dev.ccbackend.migrator.db.convert.ConvertRequest;
import dev.ccbackend.migrator.db.convert.DbConverter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cc-migrator db convert}: MariaDB (schema 8) → a new SQLite file (schema 8), the way to cc-backend v1.5. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {
                "Copy a cc-backend MariaDB database at schema 8 into a NEW SQLite file at schema 8, then take the file"
                        + " further with 'db migrate --driver sqlite3'. MariaDB is only read (unless --migrate-source);"
                        + " the SQLite file appears only once row counts and checksums are verified.",
                "Progress goes to stderr, the JSON summary to stdout."})
public class DbConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--from-driver", required = true, paramLabel = "DRIVER",
            description = "Driver of the source database; only 'mysql' (MariaDB/MySQL).")
    String fromDriver;

    @Option(names = "--from", required = true, paramLabel = "DSN",
            description = "Source: user:pass@tcp(host:port)/dbname as in cc-backend's config, env:VAR, or jdbc:mariadb://host:port/db?user=…&password=….")
    String from;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "SQLite file to create; must not exist.")
    Path to;

    @Option(names = "--migrate-source",
            description = "Migrate an older source (schema 6 or 7) to 8 first. This writes to MariaDB: back it up.")
    boolean migrateSource;

    @Option(names = "--batch-size", defaultValue = "5000", paramLabel = "N",
            description = "Rows per fetch and per insert batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--null-as-empty",
            description = "Store '' where MariaDB holds NULL in a text column that SQLite declares NOT NULL (e.g. job.subcluster).")
    boolean nullAsEmpty;

    @Override
    public Integer call() {
        if (!"mysql".equalsIgnoreCase(fromDriver)) {
            throw new CliException(ExitCode.USAGE, "--from-driver must be mysql: only MariaDB/MySQL databases are converted");
        }
        if (batchSize < 1) {
            throw new CliException(ExitCode.USAGE, "--batch-size must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (ConvertProgress progress = ConvertProgress.forConsole(err, err instanceof CcMigrator.ProcessStderr, Duration.ofSeconds(5))) {
            DbConversionResult result = new DbConverter(progress).convert(new ConvertRequest(from, to, migrateSource, batchSize, nullAsEmpty));
            return output.emit(result, ExitCode.OK);
        }
    }
}
