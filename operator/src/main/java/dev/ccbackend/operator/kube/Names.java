package dev.ccbackend.operator.kube;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic, DNS-1123-safe names: a re-entered step finds what it created before. */
public final class Names {
    private Names() {
    }

    /** First 8 hex digits of the SHA-256 of {@code text}. */
    public static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code base-part-hash}, lower-case, cut so the whole stays within {@code max} characters. */
    public static String join(int max, String base, String part, String hash) {
        String tail = "-" + sanitize(part) + "-" + hash;
        String head = sanitize(base);
        if (head.length() + tail.length() > max) {
            head = head.substring(0, Math.max(1, max - tail.length())).replaceAll("-+$", "");
        }
        return head + tail;
    }

    /** Lower-case letters, digits and dashes only (e.g. v1.5.4 becomes v1-5-4). */
    public static String sanitize(String s) {
        return s.toLowerCase().replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
    }
}
