package io.cygnetci.release.environment.domain;

/** What an admin sets on an environment; {@code position} null: last (on creation) or unchanged. */
public record EnvironmentDefinition(String name, String description, Integer position, int requiredApprovals) {
}
