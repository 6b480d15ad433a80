package io.cygnetci.tenant.user.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.security.CurrentCaller;
import io.cygnetci.tenant.membership.domain.UserTenant;
import io.cygnetci.tenant.user.domain.User;
import io.cygnetci.tenant.user.domain.UserService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
class UserController {

    record CreateUser(@NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 10, max = 128) String password,
            @Size(max = 200) String displayName) {
    }

    record DefaultTenant(@NotNull UUID tenantId) {
    }

    record UserResponse(UUID id, String email, String displayName, boolean platformAdmin, Instant createdAt) {

        static UserResponse of(User u) {
            return new UserResponse(u.id(), u.email(), u.displayName(), u.platformAdmin(), u.createdAt());
        }
    }

    record UserTenants(List<UserTenant> items) {
    }

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @PostMapping
    Mono<ResponseEntity<UserResponse>> create(@Valid @RequestBody CreateUser body) {
        return users.create(body.email(), body.password(), body.displayName())
                .map(u -> ResponseEntity.created(URI.create("/api/v1/users/" + u.id())).body(UserResponse.of(u)));
    }

    @GetMapping("/me")
    Mono<UserResponse> me() {
        return CurrentCaller.require().flatMap(caller -> users.get(caller.userId())).map(UserResponse::of);
    }

    @GetMapping("/{id}")
    Mono<UserResponse> get(@PathVariable UUID id) {
        return users.get(id).map(UserResponse::of);
    }

    @GetMapping("/{id}/tenants")
    Mono<UserTenants> tenants(@PathVariable UUID id) {
        return users.tenantsOf(id).map(UserTenants::new);
    }

    @PutMapping("/{id}/default-tenant")
    Mono<UserTenants> setDefaultTenant(@PathVariable UUID id, @Valid @RequestBody DefaultTenant body) {
        return users.setDefaultTenant(id, body.tenantId()).map(UserTenants::new);
    }
}
