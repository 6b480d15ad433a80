package io.cygnetci.agent.agent.domain;

/**
 * List filters.
 *
 * @param status a shown status ({@link AgentStatus}), or null for all
 * @param label agents carrying this label
 * @param q a case-insensitive part of the name or host name
 */
public record AgentQuery(String status, String label, String q) {
}
