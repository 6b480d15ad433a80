package io.cygnetci.tenant.audit.web;

import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.tenancy.TenantContext;
import io.cygnetci.platform.security.Access;
import io.cygnetci.tenant.audit.domain.AuditEvent;
import io.cygnetci.tenant.audit.domain.AuditLog;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The current tenant's audit log, for its tenant admins. */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit-events")
    Mono<Page<AuditEvent>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String action) {
        PageRequest page = PageRequest.of(limit, cursor);
        return TenantContext.current().switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")))
                .flatMap(tenant -> Access.admin(tenant).then(audit.list(page, action)));
    }
}
