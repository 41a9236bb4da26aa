package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.catalog.StateMapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the few top-level fields of a meta.json that migrations care about and rewrites them by
 * splicing bytes: every other byte (key order, number formatting, whitespace) stays as it was.
 * The whole document is still parsed, so broken JSON is always detected.
 */
public final class MetaJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private MetaJson() {
    }

    /**
     * @param exclusive       the integer value of {@code exclusive}, null when absent
     * @param exclusiveText   the raw JSON of the exclusive value (for messages)
     * @param hasShared       whether {@code shared} is present
     * @param jobState        {@code jobState}, null when absent
     */
    public record Scan(Integer exclusive, String exclusiveText, boolean hasShared, String jobState,
                       int exclusiveNameStart, int exclusiveValueStart, int exclusiveValueEnd,
                       int jobStateStart, int jobStateEnd) {
    }

    /**
     * cc-backend (Go's encoding/json) reads only UTF-8 without a byte order mark; the migrator edits
     * meta.json by byte offsets, which other encodings would break.
     */
    private static void requireUtf8(byte[] json) throws JobException {
        boolean utf16 = json.length >= 2 && ((json[0] == (byte) 0xFE && json[1] == (byte) 0xFF)
                || (json[0] == (byte) 0xFF && json[1] == (byte) 0xFE) || json[0] == 0 || json[1] == 0);
        if (utf16) {
            throw new JobException("meta.json is UTF-16, not UTF-8, so cc-backend cannot read it either; convert it "
                    + "(iconv -f UTF-16 -t UTF-8) or restore it from a backup");
        }
        if (json.length >= 3 && json[0] == (byte) 0xEF && json[1] == (byte) 0xBB && json[2] == (byte) 0xBF) {
            throw new JobException("meta.json starts with a byte order mark, which cc-backend cannot read; remove it"
                    + " (e.g. sed -i '1s/^\\xEF\\xBB\\xBF//' meta.json)");
        }
    }

    public static Scan scan(byte[] json) throws JobException {
        requireUtf8(json);
        Integer exclusive = null;
        String exclusiveText = null;
        boolean hasShared = false;
        String jobState = null;
        int exNameStart = -1, exValueStart = -1, exValueEnd = -1, stateStart = -1, stateEnd = -1;
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JobException("meta.json is not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int nameStart = (int) parser.currentTokenLocation().getByteOffset();
                JsonToken value = parser.nextToken();
                int valueStart = (int) parser.currentTokenLocation().getByteOffset();
                switch (name) {
                    case "exclusive" -> {
                        exNameStart = nameStart;
                        exValueStart = valueStart;
                        exValueEnd = scalarEnd(json, valueStart);
                        exclusiveText = new String(json, valueStart, Math.max(0, exValueEnd - valueStart), StandardCharsets.UTF_8);
                        exclusive = integral(parser, value);
                        parser.skipChildren();
                    }
                    case "shared" -> {
                        hasShared = true;
                        parser.skipChildren();
                    }
                    case "jobState" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            jobState = parser.getText();
                            stateStart = valueStart;
                            stateEnd = scalarEnd(json, valueStart);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new JobException("meta.json has trailing content after its JSON object");
            }
        } catch (StreamReadException e) {
            throw new JobException("meta.json is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new JobException("cannot parse meta.json: " + e.getMessage());
        }
        return new Scan(exclusive, exclusiveText, hasShared, jobState, exNameStart, exValueStart, exValueEnd, stateStart, stateEnd);
    }

    /**
     * Archive version 3: integer {@code exclusive} becomes string {@code shared} in the same place
     * (0→multi_user, 1→none, 2→single_user), and a state version 3 forbids is mapped.
     *
     * @return the new bytes, or null when the file already is in version 3 form
     */
    public static byte[] toVersion3(byte[] json, Scan scan, StateMapping states) throws JobException {
        String newState = null;
        if (scan.jobState() != null) {
            newState = states.map(scan.jobState());
            if (newState == null) {
                throw new JobException("job state '" + scan.jobState() + "' does not exist in archive version 3;"
                        + " rerun with --map-state " + scan.jobState() + "=<state> (e.g. completed)");
            }
        }
        String shared = null;
        if (scan.exclusiveText() != null) {
            if (scan.hasShared()) {
                throw new JobException("meta.json has both 'exclusive' and 'shared'; remove the one that is wrong");
            }
            shared = sharedFor(scan);
        } else if (!scan.hasShared()) {
            throw new JobException("meta.json has neither 'exclusive' (required in archive version 2) nor 'shared';"
                    + " add \"exclusive\": 1 if the job had its nodes to itself");
        }
        boolean stateChanges = newState != null && !newState.equals(scan.jobState());
        if (shared == null && !stateChanges) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 16);
        int pos = 0;
        boolean stateFirst = stateChanges && (shared == null || scan.jobStateStart() < scan.exclusiveNameStart());
        if (stateFirst) {
            pos = splice(out, json, pos, scan.jobStateStart(), scan.jobStateEnd(), quoted(newState));
        }
        if (shared != null) {
            if (!startsWith(json, scan.exclusiveNameStart(), "\"exclusive\"")) {
                throw new JobException("meta.json could not be rewritten safely (the key 'exclusive' is escaped)");
            }
            pos = splice(out, json, pos, scan.exclusiveNameStart(), scan.exclusiveNameStart() + "\"exclusive\"".length(), "\"shared\"");
            pos = splice(out, json, pos, scan.exclusiveValueStart(), scan.exclusiveValueEnd(), quoted(shared));
        }
        if (stateChanges && !stateFirst) {
            pos = splice(out, json, pos, scan.jobStateStart(), scan.jobStateEnd(), quoted(newState));
        }
        out.write(json, pos, json.length - pos);
        return out.toByteArray();
    }

    private static String sharedFor(Scan scan) throws JobException {
        if (scan.exclusive() == null) {
            throw new JobException("'exclusive' is " + scan.exclusiveText() + ", expected 0, 1 or 2");
        }
        return switch (scan.exclusive()) {
            case 0 -> "multi_user";
            case 1 -> "none";
            case 2 -> "single_user";
            default -> throw new JobException("'exclusive' is " + scan.exclusiveText() + ", expected 0, 1 or 2");
        };
    }

    private static Integer integral(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            long v = parser.getLongValue();
            return v >= 0 && v <= 2 ? (int) v : -1;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = parser.getDoubleValue();
            return d == Math.rint(d) && d >= 0 && d <= 2 ? (int) d : -1;
        }
        return null;
    }

    private static int splice(ByteArrayOutputStream out, byte[] json, int pos, int start, int end, String replacement)
            throws JobException {
        if (start < pos || end <= start || end > json.length) {
            throw new JobException("meta.json could not be rewritten safely (unexpected token positions)");
        }
        out.write(json, pos, start - pos);
        out.writeBytes(replacement.getBytes(StandardCharsets.UTF_8));
        return end;
    }

    /** End offset of the scalar (string or number literal) starting at {@code start}. */
    private static int scalarEnd(byte[] json, int start) {
        if (start < 0 || start >= json.length) {
            return -1;
        }
        int i = start;
        if (json[i] == '"') {
            for (i++; i < json.length; i++) {
                if (json[i] == '\\') {
                    i++;
                } else if (json[i] == '"') {
                    return i + 1;
                }
            }
            return -1;
        }
        while (i < json.length && "+-.0123456789eEtruefalsn".indexOf(json[i]) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] json, int offset, String expected) {
        byte[] e = expected.getBytes(StandardCharsets.US_ASCII);
        if (offset < 0 || offset + e.length > json.length) {
            return false;
        }
        for (int i = 0; i < e.length; i++) {
            if (json[offset + i] != e[i]) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
