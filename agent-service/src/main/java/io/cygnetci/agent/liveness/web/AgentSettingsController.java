package io.cygnetci.agent.liveness.web;

import io.cygnetci.agent.liveness.domain.AgentSettings;
import io.cygnetci.agent.liveness.domain.AgentSettingsService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's tenant's heartbeat interval and offline window (members read, tenant admins set). */
@RestController
@RequestMapping("/api/v1/agents/settings")
class AgentSettingsController {

    record SettingsRequest(@NotNull @Min(1) @Max(3600) Integer heartbeatIntervalSeconds,
            @Min(2) @Max(86400) Integer offlineAfterSeconds) {
    }

    private final AgentSettingsService settings;

    AgentSettingsController(AgentSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    Mono<AgentSettings> get() {
        return settings.get();
    }

    @PutMapping
    Mono<AgentSettings> put(@Valid @RequestBody SettingsRequest body) {
        return settings.update(body.heartbeatIntervalSeconds(), body.offlineAfterSeconds());
    }
}
