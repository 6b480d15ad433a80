package io.cygnetci.release.environment.web;

import io.cygnetci.release.environment.domain.EnvironmentDefinition;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An environment as an admin writes it (create and replace); {@code position} null: last, or unchanged. */
record EnvironmentRequest(@NotBlank @Size(max = 50) String name, @Size(max = 500) String description,
        @Min(1) Integer position, @Min(0) @Max(10) Integer requiredApprovals) {

    EnvironmentDefinition toDefinition() {
        return new EnvironmentDefinition(name.trim(), description == null || description.isBlank() ? null
                : description.trim(), position, requiredApprovals == null ? 0 : requiredApprovals);
    }
}
