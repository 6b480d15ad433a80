package io.cygnetci.tenant.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.problem.NotFoundException;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The facts of every tenant other services keep locally (id, slug, status, request budget, agent limit), for the
 * gateway and agent-service to warm their views at start; readers ignore fields they do not know. Internal: never routed by the gateway, and it answers only to callers presenting the shared internal
 * token ({@code cygnetci.internal.token}); without a configured token it does not exist (404).
 */
@RestController
class TenantDirectoryController {

    static final String TOKEN_HEADER = "X-Internal-Token";

    record DirectoryEntry(UUID tenantId, String slug, boolean active, int requestsPerMinute, int maxAgents,
            int maxPipelines, int executionsPerHour, int deploymentsPerHour) {
    }

    record Directory(List<DirectoryEntry> items) {
    }

    private final TenantDatabase database;
    private final byte[] token;

    TenantDirectoryController(TenantDatabase database, @Value("${cygnetci.internal.token:}") String token) {
        this.database = database;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping("/internal/v1/tenant-directory")
    Mono<Directory> directory(@RequestHeader(name = TOKEN_HEADER, required = false) String presented) {
        if (token.length == 0 || presented == null
                || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return Mono.error(new NotFoundException("resource"));
        }
        return database.in(DbScope.platformWide(), database.client()
                .sql("""
                        select id, slug, active, requests_per_minute, max_agents, max_pipelines, executions_per_hour,
                            deployments_per_hour
                        from tenants order by created_at, id""")
                .map(row -> new DirectoryEntry(row.get("id", UUID.class), row.get("slug", String.class),
                        Boolean.TRUE.equals(row.get("active", Boolean.class)),
                        row.get("requests_per_minute", Integer.class), row.get("max_agents", Integer.class),
                        row.get("max_pipelines", Integer.class), row.get("executions_per_hour", Integer.class),
                        row.get("deployments_per_hour", Integer.class)))
                .all().collectList())
                .map(Directory::new);
    }
}
