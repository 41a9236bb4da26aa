package dev.ccbackend.migrator.db.convert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An order-independent checksum of a table's rows: the sum (mod 2^128) of one MD5 digest per row
 * over its values in their storage class (integer, real, text, null). Both sides feed it the same
 * normalized values, so row order (MariaDB collations sort text keys differently from SQLite) does
 * not matter, while any changed, lost or duplicated value does.
 */
public final class TableChecksum {
    private final MessageDigest md5;
    private ByteBuffer buffer = ByteBuffer.allocate(4096);
    private long rows;
    private long high;
    private long low;

    public TableChecksum() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks MD5", e);
        }
    }

    /** Adds one row of values that are {@code null}, {@link Long}, {@link Double} or {@link String}. */
    public void add(Object[] row) {
        buffer.clear();
        for (Object value : row) {
            if (value == null) {
                ensure(1).put((byte) 0);
            } else if (value instanceof Long l) {
                ensure(9).put((byte) 1).putLong(l);
            } else if (value instanceof Double d) {
                ensure(9).put((byte) 2).putLong(Double.doubleToLongBits(d));
            } else if (value instanceof String s) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                ensure(5 + bytes.length).put((byte) 3).putInt(bytes.length).put(bytes);
            } else {
                throw new IllegalArgumentException("cannot checksum a " + value.getClass().getSimpleName());
            }
        }
        md5.update(buffer.array(), 0, buffer.position());
        ByteBuffer digest = ByteBuffer.wrap(md5.digest());
        long digestHigh = digest.getLong();
        long digestLow = digest.getLong();
        long sum = low + digestLow;
        high += digestHigh + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
        rows++;
    }

    public long rows() {
        return rows;
    }

    /** 32 hex digits; equal for equal multisets of rows. */
    public String hex() {
        return String.format("%016x%016x", high, low);
    }

    private ByteBuffer ensure(int more) {
        if (buffer.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        return buffer;
    }

    /** Checksums a SQLite table as it is stored, reading each value in its storage class. */
    public static TableChecksum ofSqlite(Connection sqlite, TableMapping table) throws SQLException {
        TableChecksum sum = new TableChecksum();
        Object[] row = new Object[table.columns().size()];
        try (Statement st = sqlite.createStatement(); ResultSet rs = st.executeQuery(table.targetSelect())) {
            while (rs.next()) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = storageValue(rs.getObject(i + 1));
                }
                sum.add(row);
            }
        }
        return sum;
    }

    /** Checksums a MariaDB table the way the conversion reads it (see {@link SourceReader#value}). */
    public static TableChecksum ofMariaDb(Connection mariadb, TableMapping table) throws SQLException {
        TableChecksum sum = new TableChecksum();
        Object[] row = new Object[table.columns().size()];
        try (Statement st = mariadb.createStatement(); ResultSet rs = st.executeQuery(table.sourceSelect())) {
            while (rs.next()) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = SourceReader.value(rs, i + 1, table.columns().get(i));
                }
                sum.add(row);
            }
        }
        return sum;
    }

    private static Object storageValue(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }
}
