package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.ConfigFormat;
import java.util.List;

/**
 * What {@code cc-migrator config convert} reports.
 *
 * @param output     path written (null on a dry run or when refused)
 * @param fromFormat format detected in the input
 * @param toFormat   format the target release reads
 * @param changes    what was renamed, moved, added or converted
 * @param unmapped   input keys that have no place in the output
 * @param warnings   things to check that do not stop the conversion
 * @param errors     values that cannot be converted; when not empty nothing is written
 * @param config     the converted config (not part of the printed JSON: it is in the output file)
 */
public record ConversionResult(String output, ConfigFormat fromFormat, ConfigFormat toFormat,
                               List<ConfigChange> changes, List<UnmappedKey> unmapped, List<String> warnings,
                               List<String> errors, @JsonIgnore ObjectNode config) {

    public boolean converts() {
        return fromFormat != toFormat;
    }

    public boolean convertible() {
        return errors.isEmpty();
    }

    public ConversionResult writtenTo(String path) {
        return new ConversionResult(path, fromFormat, toFormat, changes, unmapped, warnings, errors, config);
    }
}
