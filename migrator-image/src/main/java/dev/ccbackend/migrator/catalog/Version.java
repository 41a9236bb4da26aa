package dev.ccbackend.migrator.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cc-backend release tag {@code vMAJOR.MINOR.PATCH[-PRE]}, ordered as semver orders them. */
public record Version(int major, int minor, int patch, String preRelease) implements Comparable<Version> {

    /** The pattern the CRD's CEL rule and the CLI both accept. */
    public static final String PATTERN = "^v[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?$";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public static Version parse(String text) {
        Matcher m = COMPILED.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a release tag: expected vX.Y.Z, e.g. v1.5.4");
        }
        String[] parts = text.trim().substring(1).split("[.-]", 4);
        String pre = text.contains("-") ? text.substring(text.indexOf('-') + 1) : null;
        return new Version(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), pre);
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c == 0) {
            // A pre-release sorts before its release.
            if (preRelease == null) c = o.preRelease == null ? 0 : 1;
            else c = o.preRelease == null ? -1 : preRelease.compareTo(o.preRelease);
        }
        return c;
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
    }
}
