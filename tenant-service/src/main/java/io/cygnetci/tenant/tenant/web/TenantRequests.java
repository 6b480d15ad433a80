package io.cygnetci.tenant.tenant.web;

import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the tenant API. */
final class TenantRequests {

    static final String SLUG = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
    static final String HTTP_URL = "^https?://[^\\s/$.?#][^\\s]*$";
    static final String PHONE = "^[+0-9 ()./-]{3,32}$";

    private TenantRequests() {
    }

    record CreateTenant(
            @NotBlank @Size(min = 2, max = 63) @Pattern(regexp = SLUG, message = "must be a DNS label: lowercase letters, digits and inner hyphens") String slug,
            @NotBlank @Size(max = 200) String displayName,
            @Size(max = 2000) String description,
            @Email @Size(max = 254) String contactEmail,
            @Pattern(regexp = PHONE, message = "must be a phone number") String contactPhone,
            @Size(max = 500) String address,
            @Size(max = 2048) @Pattern(regexp = HTTP_URL, message = "must be an http(s) URL") String logoUrl,
            @Size(max = 100) Map<String, Object> settings,
            @Min(1) @Max(1_000_000) Integer maxUsers,
            @Min(0) @Max(1_000_000) Integer maxAgents,
            @Min(0) @Max(1_000_000) Integer maxPipelines,
            @Min(1) @Max(10_000_000) Integer requestsPerMinute,
            @Min(0) @Max(1_000_000) Integer deploymentsPerHour,
            @Min(0) @Max(1_000_000) Integer executionsPerHour) {
    }

    record UpdateTenant(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String displayName,
            @Size(max = 2000) String description,
            @Email @Size(max = 254) String contactEmail,
            @Pattern(regexp = "^$|" + PHONE, message = "must be a phone number") String contactPhone,
            @Size(max = 500) String address,
            @Size(max = 2048) @Pattern(regexp = "^$|" + HTTP_URL, message = "must be an http(s) URL") String logoUrl,
            @Size(max = 100) Map<String, Object> settings,
            @Min(1) @Max(1_000_000) Integer maxUsers,
            @Min(0) @Max(1_000_000) Integer maxAgents,
            @Min(0) @Max(1_000_000) Integer maxPipelines,
            @Min(1) @Max(10_000_000) Integer requestsPerMinute,
            @Min(0) @Max(1_000_000) Integer deploymentsPerHour,
            @Min(0) @Max(1_000_000) Integer executionsPerHour) {
    }
}
