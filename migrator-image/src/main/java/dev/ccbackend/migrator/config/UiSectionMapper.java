package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** {@code ui-defaults} (flat {@code plot_*} keys) → section {@code ui} (grouped, kebab-case). */
final class UiSectionMapper {
    /** Old key → path inside v1.5's {@code ui} section. */
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("plot_general_colorBackground", "plot-configuration.color-background"),
            Map.entry("plot_general_lineWidth", "plot-configuration.line-width"),
            Map.entry("plot_view_plotsPerRow", "plot-configuration.plots-per-row"),
            Map.entry("plot_general_colorscheme", "plot-configuration.color-scheme"),
            Map.entry("plot_view_showPolarplot", "job-view.show-polar-plot"),
            Map.entry("plot_view_showRoofline", "job-view.show-roofline"),
            Map.entry("plot_view_showStatTable", "job-view.show-stat-table"),
            Map.entry("job_view_showFootprint", "job-view.show-footprint"),
            Map.entry("job_list_usePaging", "job-list.use-paging"),
            Map.entry("plot_list_selectedMetrics", "metric-config.job-list-metrics"),
            Map.entry("job_view_selectedMetrics", "metric-config.job-view-plot-metrics"),
            Map.entry("job_view_nodestats_selectedMetrics", "metric-config.job-view-table-metrics"));

    private UiSectionMapper() {
    }

    /** Null when the input has no ui-defaults. */
    static ObjectNode map(ObjectNode flat, ConversionReport report) {
        ObjectNode defaults = KebabCopier.object(flat, "ui-defaults", "ui-defaults", report);
        if (defaults == null) {
            return null;
        }
        ObjectNode ui = flat.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = defaults.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String from = "ui-defaults." + field.getKey();
            String path = PATHS.get(field.getKey());
            if (path == null) {
                report.unmapped(from, "v1.5's ui section has no equivalent; users can still pick it in the web UI");
                continue;
            }
            String[] parts = path.split("\\.");
            ObjectNode group = ui.has(parts[0]) ? (ObjectNode) ui.get(parts[0]) : ui.putObject(parts[0]);
            group.set(parts[1], field.getValue().deepCopy());
            report.changed(from, "ui." + path, "moved into v1.5's ui section");
        }
        return ui;
    }
}
