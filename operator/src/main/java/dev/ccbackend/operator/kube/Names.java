package dev.ccbackend.operator.kube;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one naming rule for every object, label value and volume the operator makes: deterministic
 * (a re-entered step finds what it created before) and always valid, whatever the length of the
 * resource's or the claims' names: a part that does not fit is cut and the hash keeps it unique.
 */
public final class Names {
    /** DNS-1123 label: Job names (they become pod labels and hostnames), volume names, label values. */
    public static final int DNS_LABEL = 63;
    /** DNS-1123 subdomain: ConfigMaps, claims, snapshots. */
    public static final int DNS_SUBDOMAIN = 253;
    private static final int HASH_LENGTH = 8;

    private Names() {
    }

    /** {@code <resource>-<step>-<attempt hash>}, a valid Job name. */
    public static String job(CcBackendUpgrade cr, String step) {
        return join(DNS_LABEL, cr.getMetadata().getName(), step, MigrationJobBuilder.attemptHash(cr));
    }

    /** An Indexed Job's name leaves room for {@code -<index>} in its pods' hostnames (63 characters in all). */
    public static String indexedJob(CcBackendUpgrade cr, String step, int completions) {
        int indexDigits = String.valueOf(Math.max(0, completions - 1)).length();
        return join(DNS_LABEL - 1 - indexDigits, cr.getMetadata().getName(), step, MigrationJobBuilder.attemptHash(cr));
    }

    /** {@code <resource>-<claim>-snap-<attempt hash>}: one VolumeSnapshot per claim and attempt. */
    public static String snapshot(CcBackendUpgrade cr, String claim) {
        return join(DNS_SUBDOMAIN, cr.getMetadata().getName() + "-" + claim, "snap", MigrationJobBuilder.attemptHash(cr));
    }

    /** The claim a snapshot of {@code claim} is restored into. */
    public static String restoredClaim(CcBackendUpgrade cr, String claim) {
        return join(DNS_SUBDOMAIN, claim, "restored", MigrationJobBuilder.attemptHash(cr));
    }

    /** The ConfigMap holding the config converted for {@code release}. */
    public static String configMap(String original, String release, String contentHash) {
        return join(DNS_SUBDOMAIN, original, release, contentHash);
    }

    /** A pod volume for {@code claim}. */
    public static String volume(String claim) {
        return join(DNS_LABEL, "data", claim, shortHash(claim));
    }

    /** {@code value} as a label value: itself when valid, else a valid prefix and its hash. */
    public static String labelValue(String value) {
        if (value.length() <= DNS_LABEL && value.matches("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")) {
            return value;
        }
        String hash = shortHash(value);
        String head = value.replaceAll("[^-A-Za-z0-9_.]", "-");
        head = head.substring(0, Math.min(head.length(), DNS_LABEL - HASH_LENGTH - 1)).replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
        return head.isEmpty() ? hash : head + "-" + hash;
    }

    /** First 8 hex digits of the SHA-256 of {@code text}. */
    public static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code base-part-hash}, lower-case, within {@code max} characters: {@code base} is cut first, then
     * {@code part}; the hash is never cut. When something was cut, the hash is of the whole name, so
     * two long names that share a prefix stay apart.
     */
    static String join(int max, String base, String part, String hash) {
        String head = sanitize(base);
        String middle = sanitize(part);
        String whole = head + "-" + middle + "-" + hash;
        if (whole.length() <= max) {
            return whole;
        }
        String tailHash = shortHash(whole);
        int room = max - tailHash.length() - 2; // two dashes
        int middleRoom = Math.min(middle.length(), room / 2);
        int headRoom = Math.max(1, room - middleRoom);
        return cut(head, headRoom) + "-" + cut(middle, room - Math.min(head.length(), headRoom)) + "-" + tailHash;
    }

    private static String cut(String s, int length) {
        String c = s.substring(0, Math.max(0, Math.min(s.length(), length))).replaceAll("-+$", "");
        return c.isEmpty() ? "x" : c;
    }

    /** Lower-case letters, digits and dashes only (e.g. v1.5.4 becomes v1-5-4). */
    public static String sanitize(String s) {
        return s.toLowerCase().replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
    }
}
