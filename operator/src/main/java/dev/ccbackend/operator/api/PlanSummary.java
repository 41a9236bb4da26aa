package dev.ccbackend.operator.api;

import java.util.ArrayList;
import java.util.List;

/** The part of cc-migrator's plan a user needs to see in the status. */
public class PlanSummary {
    public String targetRelease;
    public String databaseDriver;
    public int databaseFrom;
    public int databaseTo;
    public Integer archiveFrom;
    public int archiveTo;
    public boolean convertConfig;
    public String configFrom;
    public String configTo;
    public long jobs;
    public List<String> steps = new ArrayList<>();
    public List<String> warnings = new ArrayList<>();
}
