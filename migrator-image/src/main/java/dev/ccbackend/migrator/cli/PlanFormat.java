package dev.ccbackend.migrator.cli;

/** How {@code plan} and {@code upgrade} print: JSON for programs, text for people. */
public enum PlanFormat {
    json, text
}
