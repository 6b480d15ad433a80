package io.cygnetci.tenant.membership.web;

import java.net.URI;
import java.util.UUID;

import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.tenant.membership.domain.Member;
import io.cygnetci.tenant.membership.domain.MembershipService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

/** A tenant's members and their roles. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}")
class MembershipController {

    static final String ROLE = "^(tenant_admin|member|viewer)$";
    static final String ROLE_MESSAGE = "must be tenant_admin, member or viewer";

    record AddMember(UUID userId, @Email @Size(max = 254) String email,
            @NotBlank @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role) {
    }

    record ChangeRole(@NotBlank @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role) {
    }

    private final MembershipService memberships;

    MembershipController(MembershipService memberships) {
        this.memberships = memberships;
    }

    @GetMapping("/members")
    Mono<Page<Member>> list(@PathVariable UUID tenantId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String q,
            @RequestParam(required = false) @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role) {
        return memberships.list(tenantId, q, role, PageRequest.of(limit, cursor));
    }

    @PostMapping("/members")
    Mono<ResponseEntity<Member>> add(@PathVariable UUID tenantId, @Valid @RequestBody AddMember body) {
        if ((body.userId() == null) == (body.email() == null || body.email().isBlank())) {
            throw BadRequestException.field("user_id", "give exactly one of user_id or email");
        }
        return memberships.add(tenantId, new MembershipService.UserRef(body.userId(), body.email()), body.role())
                .map(m -> ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/members/" + m.userId()))
                        .body(m));
    }

    @PatchMapping("/members/{userId}")
    Mono<Member> changeRole(@PathVariable UUID tenantId, @PathVariable UUID userId,
            @Valid @RequestBody ChangeRole body) {
        return memberships.changeRole(tenantId, userId, body.role());
    }

    @DeleteMapping("/members/{userId}")
    Mono<ResponseEntity<Void>> remove(@PathVariable UUID tenantId, @PathVariable UUID userId) {
        return memberships.remove(tenantId, userId).then(Mono.just(ResponseEntity.noContent().build()));
    }

    @GetMapping("/users/count")
    Mono<MembershipService.Capacity> count(@PathVariable UUID tenantId) {
        return memberships.capacity(tenantId);
    }
}
