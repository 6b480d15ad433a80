package io.cygnetci.tenant.tenant.domain;

/** List filters: {@code q} matches slug or display name, {@code active} the state. */
public record TenantQuery(String q, Boolean active) {
}
