package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DbTarget;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Mixin: {@code --driver} and {@code --db}, spelled as in cc-backend's config (the db commands, plan, upgrade). */
public class ConnectionOptions {
    @Option(names = "--driver", required = true, paramLabel = "sqlite3|mysql", converter = DriverConverter.class,
            description = "cc-backend's db-driver: sqlite3 or mysql (MariaDB).")
    Driver driver;

    @Option(names = "--db", required = true, paramLabel = "DSN",
            description = "cc-backend's db setting: a SQLite file, user:pass@tcp(host:port)/db for mysql,"
                    + " or env:VARNAME to read it from the environment.")
    String dsn;

    DbTarget target() {
        try {
            return DbTarget.parse(driver, dsn);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    static final class DriverConverter implements CommandLine.ITypeConverter<Driver> {
        @Override
        public Driver convert(String value) {
            try {
                return Driver.fromConfigName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
