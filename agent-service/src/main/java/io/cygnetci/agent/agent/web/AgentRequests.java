package io.cygnetci.agent.agent.web;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the agent API. */
final class AgentRequests {

    /** Labels are {@code key} or {@code key=value} words, as runners' tags usually are. */
    static final String LABEL = "^[A-Za-z0-9][A-Za-z0-9_.:/=-]{0,62}$";

    private AgentRequests() {
    }

    record Update(@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*") String name,
            @Size(max = 50) List<@NotNull @Pattern(regexp = LABEL) String> labels,
            @Size(max = 100) String location) {
    }
}
