package io.cygnetci.tenant.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The first platform admin, created at start-up when it does not exist yet. */
@ConfigurationProperties("cygnetci.bootstrap")
public record BootstrapProperties(PlatformAdmin platformAdmin) {

    public BootstrapProperties {
        platformAdmin = platformAdmin == null ? new PlatformAdmin(null, null) : platformAdmin;
    }

    public record PlatformAdmin(String email, String password) {

        public boolean configured() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }
    }
}
