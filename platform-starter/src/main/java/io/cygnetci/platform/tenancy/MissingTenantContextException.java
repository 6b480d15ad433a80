package io.cygnetci.platform.tenancy;

/** Tenant-scoped work was started without a tenant in the Reactor Context: a programming error, never user input. */
public class MissingTenantContextException extends IllegalStateException {

    public MissingTenantContextException() {
        super("No tenant in the Reactor Context");
    }
}
