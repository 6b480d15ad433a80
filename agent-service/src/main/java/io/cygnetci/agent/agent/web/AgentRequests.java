package io.cygnetci.agent.agent.web;

import java.util.List;

import io.cygnetci.agent.agent.domain.Registration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the agent API. */
final class AgentRequests {

    private AgentRequests() {
    }

    record Update(@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*") String name,
            @Size(max = 50) List<@NotNull @Pattern(regexp = Registration.LABEL_PATTERN) String> labels,
            @Size(max = 100) String location) {
    }
}
