package dev.ccbackend.migrator.db.convert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Prepared-statement batch inserts into one SQLite table; holds at most one batch of rows. */
final class BatchInserter implements AutoCloseable {
    private final PreparedStatement insert;
    private final int batchSize;
    private int pending;

    BatchInserter(Connection sqlite, TableMapping table, int batchSize) throws SQLException {
        this.insert = sqlite.prepareStatement(table.targetInsert());
        this.batchSize = batchSize;
    }

    /** Adds a row of normalized values; returns how many rows went to SQLite now (0 or a full batch). */
    int add(Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            insert.setObject(i + 1, row[i]);
        }
        insert.addBatch();
        return ++pending == batchSize ? flush() : 0;
    }

    int flush() throws SQLException {
        if (pending == 0) {
            return 0;
        }
        insert.executeBatch();
        int written = pending;
        pending = 0;
        return written;
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
