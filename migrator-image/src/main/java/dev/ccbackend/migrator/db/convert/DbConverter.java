package dev.ccbackend.migrator.db.convert;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.db.DbInspection;
import dev.ccbackend.migrator.db.DbTarget;
import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies a cc-backend MariaDB database at schema 8 into a new SQLite file at schema 8. The file is
 * written as {@code <to>.partial} and renamed only after row counts, checksums and foreign keys
 * have been verified, so {@code <to>} either is complete or does not exist.
 */
public final class DbConverter {
    private final ConvertProgress progress;

    public DbConverter(ConvertProgress progress) {
        this.progress = progress;
    }

    public DbConversionResult convert(ConvertRequest request) {
        long started = System.nanoTime();
        Path to = request.to().toAbsolutePath().normalize();
        refuseUnusableTarget(to);
        DbTarget dsn;
        try {
            dsn = DbTarget.parse(Driver.MYSQL, request.from());
        } catch (IllegalArgumentException e) {
            throw new ConversionException(e.getMessage(), e);
        }
        try (SourceReader source = SourceReader.connect(dsn)) {
            Integer migratedFrom = SourceVersionGate.admit(dsn, request.from(), request.migrateSource());
            Path partial = to.resolveSibling(to.getFileName() + ".partial");
            deleteWithCompanions(partial); // a leftover of an interrupted run of ours
            try {
                Copied copied = copy(source, partial, request);
                checkTargetVersion(partial);
                if (Files.exists(to)) {
                    throw new ConversionException(to + " appeared while converting: remove it or choose another --to");
                }
                // cc-backend opens the new file as the owner of its directory, not as whoever converted it
                FileOwnership.apply(FileOwnership.forNewFileIn(to.getParent()), partial);
                Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
                long rows = copied.tables.stream().mapToLong(DbConversionResult.TableResult::rows).sum();
                return new DbConversionResult(dsn.displayName(), SourceVersionGate.SCHEMA, migratedFrom, to.toString(),
                        SourceVersionGate.SCHEMA, copied.tables, rows, copied.indexes, seconds(started),
                        "cc-migrator db migrate --driver sqlite3 --db " + to + " --to-release " + ReleaseCatalog.latest().name());
            } catch (RuntimeException | SQLException | IOException e) {
                deleteWithCompanions(partial);
                if (e instanceof ConversionException c) {
                    throw c;
                }
                throw new ConversionException("conversion failed, nothing was written (" + SourceReader.firstLine(e) + "); "
                        + (migratedFrom == null ? "the MariaDB database is unchanged"
                        : "the MariaDB database was migrated from version " + migratedFrom + " to " + SourceVersionGate.SCHEMA
                        + " (--migrate-source) and is otherwise unchanged"), e);
            }
        }
    }

    private record Copied(List<DbConversionResult.TableResult> tables, int indexes) {
    }

    private Copied copy(SourceReader source, Path partial, ConvertRequest request) throws SQLException {
        try (SqliteTarget target = SqliteTarget.create(partial)) {
            List<TableMapping> tables = SchemaMapper.map(SchemaMapper.readSource(source.connection()),
                    SchemaMapper.readTarget(target.connection()), request.nullAsEmpty());
            source.beginSnapshot();
            List<SourceReader.Census> census = new ArrayList<>();
            for (TableMapping table : tables) {
                census.add(refuseNulls(table, source.census(table)));
            }
            target.prepareBulkLoad();
            List<TableChecksum> sourceSums = new ArrayList<>();
            List<Double> durations = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                long tableStarted = System.nanoTime();
                sourceSums.add(copyTable(source, target, tables.get(i), census.get(i).rows(), request.batchSize()));
                durations.add(seconds(tableStarted));
            }
            progress.start("create indexes", target.indexCount());
            target.createIndexes(() -> progress.advance(1));
            progress.finish();
            List<String> orphans = target.foreignKeyViolations();
            if (!orphans.isEmpty()) {
                throw new ConversionException("the MariaDB data has rows whose parent is missing: " + String.join(", ", orphans)
                        + "; delete or repair them in MariaDB, then convert again (nothing was written)");
            }
            List<DbConversionResult.TableResult> results = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                results.add(verify(target, tables.get(i), census.get(i).rows(), sourceSums.get(i), durations.get(i)));
            }
            target.finish();
            return new Copied(results, target.indexCount());
        }
    }

    private TableChecksum copyTable(SourceReader source, SqliteTarget target, TableMapping table, long rows, int batchSize)
            throws SQLException {
        TableChecksum sum = new TableChecksum();
        progress.start("copy " + table.name(), rows);
        try (BatchInserter inserter = new BatchInserter(target.connection(), table, batchSize)) {
            source.stream(table, batchSize, row -> {
                sum.add(row);
                long written = inserter.add(row);
                if (written > 0) {
                    progress.advance(written);
                }
            });
            progress.advance(inserter.flush());
        } catch (SQLException e) {
            throw new SQLException("copying table " + table.name() + ": " + SourceReader.firstLine(e), e);
        }
        target.commit();
        progress.finish();
        return sum;
    }

    private DbConversionResult.TableResult verify(SqliteTarget target, TableMapping table, long expectedRows,
                                                TableChecksum source, double seconds) throws SQLException {
        progress.start("verify " + table.name(), expectedRows);
        TableChecksum copied = TableChecksum.ofSqlite(target.connection(), table);
        progress.advance(copied.rows());
        progress.finish();
        if (source.rows() != expectedRows || copied.rows() != expectedRows) {
            throw new ConversionException("table " + table.name() + ": MariaDB counted " + expectedRows + " rows, "
                    + source.rows() + " were read and " + copied.rows() + " arrived in SQLite; nothing was written, please report this");
        }
        if (!source.hex().equals(copied.hex())) {
            throw new ConversionException("table " + table.name() + ": checksum of the copied rows differs from MariaDB's ("
                    + copied.hex() + " vs " + source.hex() + "); nothing was written, please report this");
        }
        return new DbConversionResult.TableResult(table.name(), copied.rows(), copied.hex(), seconds);
    }

    private static SourceReader.Census refuseNulls(TableMapping table, SourceReader.Census census) {
        Map<String, Long> blocking = census.nullsInNotNullColumns().entrySet().stream()
                .filter(e -> table.columns().stream().noneMatch(c -> c.source().equals(e.getKey()) && c.emptyForNull()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
        if (!blocking.isEmpty()) {
            throw new ConversionException("table " + table.name() + " has NULL in column(s) SQLite schema 8 declares NOT NULL "
                    + blocking + ": rerun with --null-as-empty to store '' instead, or fill them in MariaDB first");
        }
        return census;
    }

    private static void checkTargetVersion(Path file) {
        DbInspection made = DatabaseInspector.inspect(Driver.SQLITE3, file.toString());
        if (made.version() != SourceVersionGate.SCHEMA || made.dirty()) {
            throw new IllegalStateException("the new SQLite file reports version " + made.version()
                    + (made.dirty() ? " (dirty)" : "") + " instead of " + SourceVersionGate.SCHEMA);
        }
    }

    private static void refuseUnusableTarget(Path to) {
        if (Files.exists(to)) {
            throw new ConversionException(to + " already exists: convert only creates a new SQLite file; move it away or choose another --to");
        }
        Path dir = to.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ConversionException("directory " + dir + " for --to does not exist: create it first");
        }
        if (!Files.isWritable(dir)) {
            throw new ConversionException("directory " + dir + " for --to is not writable: choose a writable place");
        }
    }

    private static void deleteWithCompanions(Path file) {
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                throw new ConversionException("cannot remove " + file + suffix + ": " + e.getMessage() + "; remove it by hand", e);
            }
        }
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
    }
}
