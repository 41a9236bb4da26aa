package dev.ccbackend.operator.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.Locale;

/**
 * Encodes with {@link JsonLogLayout} when {@code format} is {@code json}, else with the
 * {@code pattern}. Choosing inside one encoder keeps logback.xml to a single appender: an unused
 * second appender would make logback print its status dump ahead of the first JSON line.
 */
public class LogFormatEncoder extends LayoutWrappingEncoder<ILoggingEvent> {

    private String format = "text";
    private String pattern = "%d %-5level %logger - %msg%n";

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        setLayout(createLayout());
        getLayout().start();
        super.start();
    }

    private Layout<ILoggingEvent> createLayout() {
        String chosen = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (chosen.equals("json")) {
            JsonLogLayout json = new JsonLogLayout();
            json.setContext(getContext());
            return json;
        }
        if (!chosen.equals("text")) {
            addWarn("unknown log format '" + format + "' (LOG_FORMAT): use text or json; writing text");
        }
        PatternLayout text = new PatternLayout();
        text.setContext(getContext());
        text.setPattern(pattern);
        return text;
    }
}
