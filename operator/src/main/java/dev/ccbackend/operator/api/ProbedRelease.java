package dev.ccbackend.operator.api;

/** What {@code cc-backend -version} of the target image printed. */
public class ProbedRelease {
    public String image;
    public int dbVersion;
    public int archiveVersion;
}
