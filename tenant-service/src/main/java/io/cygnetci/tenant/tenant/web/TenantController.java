package io.cygnetci.tenant.tenant.web;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.tenant.tenant.domain.PlanLimits;
import io.cygnetci.tenant.tenant.domain.Tenant;
import io.cygnetci.tenant.tenant.domain.TenantChanges;
import io.cygnetci.tenant.tenant.domain.TenantQuery;
import io.cygnetci.tenant.tenant.domain.TenantService;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tenants ("customers" in the UI). */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    /** Slugs that would shadow platform hosts when used as subdomains. */
    private static final Set<String> RESERVED_SLUGS = Set.of("www", "api", "app", "admin", "gateway", "auth", "static",
            "status", "docs", "mail");

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @PostMapping
    Mono<ResponseEntity<TenantResponse>> create(@Valid @RequestBody TenantRequests.CreateTenant body) {
        if (RESERVED_SLUGS.contains(body.slug())) {
            throw BadRequestException.field("slug", "is reserved");
        }
        PlanLimits d = PlanLimits.defaults();
        PlanLimits plan = new PlanLimits(or(body.maxUsers(), d.maxUsers()), or(body.maxAgents(), d.maxAgents()),
                or(body.maxPipelines(), d.maxPipelines()), or(body.requestsPerMinute(), d.requestsPerMinute()),
                or(body.deploymentsPerHour(), d.deploymentsPerHour()),
                or(body.executionsPerHour(), d.executionsPerHour()));
        Tenant draft = new Tenant(null, body.slug(), body.displayName().trim(), body.description(),
                body.contactEmail(), body.contactPhone(), body.address(), body.logoUrl(),
                body.settings() == null ? Map.of() : body.settings(), plan, true, null, null, null);
        return tenants.create(draft).map(t -> ResponseEntity.created(URI.create("/api/v1/tenants/" + t.id()))
                .body(TenantResponse.of(t)));
    }

    @GetMapping
    Mono<Page<TenantResponse>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String q,
            @RequestParam(required = false) Boolean active) {
        return tenants.list(new TenantQuery(q, active), PageRequest.of(limit, cursor)).map(p -> p.map(TenantResponse::of));
    }

    @GetMapping("/current")
    Mono<TenantResponse> current() {
        return tenants.current().map(TenantResponse::of);
    }

    @GetMapping("/{id}")
    Mono<TenantResponse> get(@PathVariable UUID id) {
        return tenants.get(id).map(TenantResponse::of);
    }

    @PatchMapping("/{id}")
    Mono<TenantResponse> update(@PathVariable UUID id, @Valid @RequestBody TenantRequests.UpdateTenant body) {
        TenantChanges changes = new TenantChanges(body.displayName() == null ? null : body.displayName().trim(),
                body.description(), body.contactEmail(), body.contactPhone(), body.address(), body.logoUrl(),
                body.settings(), body.maxUsers(), body.maxAgents(), body.maxPipelines(), body.requestsPerMinute(),
                body.deploymentsPerHour(), body.executionsPerHour());
        return tenants.update(id, changes).map(TenantResponse::of);
    }

    @PostMapping("/{id}/deactivate")
    Mono<TenantResponse> deactivate(@PathVariable UUID id) {
        return tenants.setActive(id, false).map(TenantResponse::of);
    }

    @PostMapping("/{id}/activate")
    Mono<TenantResponse> activate(@PathVariable UUID id) {
        return tenants.setActive(id, true).map(TenantResponse::of);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
        return tenants.delete(id).then(Mono.just(ResponseEntity.noContent().build()));
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
