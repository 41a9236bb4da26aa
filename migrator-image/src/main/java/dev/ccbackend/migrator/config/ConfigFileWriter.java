package dev.ccbackend.migrator.config;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a converted config next to, never over, its input; atomically, so a crash leaves no half file. */
public final class ConfigFileWriter {
    private ConfigFileWriter() {
    }

    public static ConversionResult write(ConversionResult result, Path input, Path output) throws IOException {
        if (!result.convertible()) {
            throw new IllegalStateException("refusing to write an unconvertible config");
        }
        Path absOut = output.toAbsolutePath().normalize();
        if (absOut.equals(input.toAbsolutePath().normalize())
                || (Files.exists(output) && Files.isSameFile(input, output))) {
            throw new IllegalArgumentException("--out must differ from --in: the input config is never modified");
        }
        Path dir = absOut.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absOut.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, CanonicalJson.write(result.config()), StandardCharsets.UTF_8);
            // a temp file is 0600: the new config is readable by whoever could read the old one
            FileOwnership.copy(input, tmp);
            Files.move(tmp, absOut, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return result.writtenTo(output.toString());
    }

    /** The text {@link #write} would put in the file. */
    public static String render(ConversionResult result) {
        return CanonicalJson.write(result.config());
    }
}
