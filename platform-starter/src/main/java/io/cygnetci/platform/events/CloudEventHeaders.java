package io.cygnetci.platform.events;

/** CloudEvents names the platform uses beyond the spec's required attributes. */
public final class CloudEventHeaders {

    /** The extension every event carries: the tenant it belongs to. */
    public static final String TENANT_EXTENSION = "tenantid";

    private CloudEventHeaders() {
    }
}
