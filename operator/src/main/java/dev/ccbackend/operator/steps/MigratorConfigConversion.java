package dev.ccbackend.operator.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.config.ConfigConverter;
import dev.ccbackend.migrator.config.ConversionOptions;
import dev.ccbackend.migrator.config.ConversionResult;
import java.util.ArrayList;
import java.util.List;

/** {@link ConfigConversion} by the migrator's own converter, the same code {@code cc-migrator config convert} runs. */
public class MigratorConfigConversion implements ConfigConversion {

    @Override
    public Converted convert(ObjectNode config, String toRelease, String newDatabasePath) {
        ConversionResult result = new ConfigConverter().convert(config, toRelease, new ConversionOptions(newDatabasePath));
        if (!result.convertible()) {
            throw new IllegalArgumentException(String.join("; ", result.errors()));
        }
        List<String> warnings = new ArrayList<>(result.warnings());
        result.unmapped().forEach(u -> warnings.add(u.key() + " has no place in " + toRelease + ": " + u.reason()));
        return new Converted(result.config(), warnings);
    }
}
