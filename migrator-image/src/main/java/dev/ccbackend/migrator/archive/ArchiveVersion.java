package dev.ccbackend.migrator.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code version.txt} exactly as cc-backend parses it: digits and at most one trailing newline. */
public final class ArchiveVersion {
    public static final String FILE = "version.txt";
    /** The newest archive version cc-migrator knows (cc-backend v1.5). */
    public static final int LATEST = 3;

    private ArchiveVersion() {
    }

    /** @throws ArchiveException when missing, unreadable or not what cc-backend would accept */
    public static int read(Path root) {
        Path file = root.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ArchiveException(file + " is missing; is " + root + " a job archive? (cc-backend writes it when it creates the archive)");
        } catch (IOException e) {
            throw new ArchiveException("cannot read " + file + (Files.isDirectory(file) ? " (it is a directory)" : "") + ": "
                    + e.getMessage() + "; it must be a file holding the archive's version (1, 2 or 3), as cc-backend writes it");
        }
        String digits = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            throw new ArchiveException(file + " holds '" + abbreviate(text) + "', not a version number; cc-backend would refuse it too."
                    + " Write the archive's version (1, 2 or 3) into it");
        }
        return Integer.parseInt(digits);
    }

    public static void write(Path root, int version, boolean sync) throws IOException {
        AtomicFiles.replace(root.resolve(FILE), (version + "\n").getBytes(StandardCharsets.US_ASCII), sync);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…" : oneLine;
    }
}
