package dev.ccbackend.migrator.db.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableChecksumTest {

    private static String checksum(List<Object[]> rows) {
        TableChecksum sum = new TableChecksum();
        rows.forEach(sum::add);
        return sum.hex();
    }

    @Test
    void rowOrderDoesNotMatter() {
        Object[] a = {1L, "alice", 2.5, null};
        Object[] b = {2L, "bob", 0.0, "x"};
        Object[] c = {3L, "zoë", -1.0, "{}"};
        assertThat(checksum(List.of(a, b, c))).isEqualTo(checksum(List.of(c, a, b)));
    }

    @Test
    void anyChangedValueChangesIt() {
        String base = checksum(List.<Object[]>of(new Object[]{1L, "alice", 2.5, null}));
        assertThat(checksum(List.<Object[]>of(new Object[]{2L, "alice", 2.5, null}))).isNotEqualTo(base);
        assertThat(checksum(List.<Object[]>of(new Object[]{1L, "alicE", 2.5, null}))).isNotEqualTo(base);
        assertThat(checksum(List.<Object[]>of(new Object[]{1L, "alice", 2.5000001, null}))).isNotEqualTo(base);
        assertThat(checksum(List.<Object[]>of(new Object[]{1L, "alice", 2.5, ""}))).as("NULL is not ''").isNotEqualTo(base);
    }

    @Test
    void storageClassCounts() {
        assertThat(checksum(List.<Object[]>of(new Object[]{1L}))).isNotEqualTo(checksum(List.<Object[]>of(new Object[]{1.0})))
                .isNotEqualTo(checksum(List.<Object[]>of(new Object[]{"1"})));
    }

    @Test
    void valuesDoNotBleedAcrossColumns() {
        assertThat(checksum(List.<Object[]>of(new Object[]{"ab", "c"}))).isNotEqualTo(checksum(List.<Object[]>of(new Object[]{"a", "bc"})));
    }

    @Test
    void lostOrDuplicatedRowsChangeIt() {
        Object[] a = {1L, "a"};
        Object[] b = {2L, "b"};
        String both = checksum(List.of(a, b));
        assertThat(checksum(List.<Object[]>of(a))).isNotEqualTo(both);
        assertThat(checksum(List.of(a, b, b))).isNotEqualTo(both);
    }

    @Test
    void largeTextGrowsTheBufferAndCountsRows() {
        TableChecksum sum = new TableChecksum();
        sum.add(new Object[]{"x".repeat(100_000), 7L});
        sum.add(new Object[]{"y"});
        assertThat(sum.rows()).isEqualTo(2);
        assertThat(sum.hex()).hasSize(32).isNotEqualTo(new TableChecksum().hex());
    }

    @Test
    void refusesValuesWithoutAStorageClass() {
        assertThatThrownBy(() -> new TableChecksum().add(new Object[]{new byte[]{1}}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
