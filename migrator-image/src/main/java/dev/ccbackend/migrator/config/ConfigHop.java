package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.ConfigFormat;

/** One step between adjacent config formats; the converter chains them. */
interface ConfigHop {

    ConfigFormat from();

    ConfigFormat to();

    /** Returns the config in {@link #to()}'s format; never changes {@code config}. */
    ObjectNode apply(ObjectNode config, ConversionOptions options, ConversionReport report);
}
