package io.cygnetci.agent.heartbeat.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** What an agent reports with each heartbeat. */
public record HeartbeatReport(@DecimalMin("0") @DecimalMax("100") Float cpuPercent,
        @DecimalMin("0") @DecimalMax("100") Float memoryPercent,
        @DecimalMin("0") @DecimalMax("100") Float diskPercent,
        @Min(0) @Max(10_000) Integer runningJobs,
        @Size(max = 100) String version) {
}
