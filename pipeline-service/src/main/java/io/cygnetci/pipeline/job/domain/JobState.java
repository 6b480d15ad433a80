package io.cygnetci.pipeline.job.domain;

/** What a runner learns from every answer about its job: its status and whether a user asked to cancel it. */
public record JobState(String status, boolean cancelRequested) {
}
