package io.cygnetci.agent.agent.web;

import java.util.UUID;

import io.cygnetci.agent.agent.domain.AgentQuery;
import io.cygnetci.agent.agent.domain.AgentService;
import io.cygnetci.agent.agent.domain.AgentStatus;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.BadRequestException;
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

/** The agents of the caller's tenant: any member reads, tenant admins change. */
@RestController
@RequestMapping("/api/v1/agents")
class AgentController {

    private final AgentService agents;

    AgentController(AgentService agents) {
        this.agents = agents;
    }

    @GetMapping
    Mono<Page<AgentResponse>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String status,
            @RequestParam(required = false) String label, @RequestParam(required = false) String q) {
        if (status != null && !AgentStatus.ALL.contains(status)) {
            throw BadRequestException.field("status", "must be one of " + String.join(", ",
                    new java.util.TreeSet<>(AgentStatus.ALL)));
        }
        AgentQuery query = new AgentQuery(status, blankToNull(label), blankToNull(q));
        return agents.list(query, PageRequest.of(limit, cursor)).map(page -> page.map(this::response));
    }

    @GetMapping("/{id}")
    Mono<AgentResponse> get(@PathVariable UUID id) {
        return agents.get(id).map(this::response);
    }

    @PatchMapping("/{id}")
    Mono<AgentResponse> update(@PathVariable UUID id, @Valid @RequestBody AgentRequests.Update body) {
        return agents.update(id, body.name() == null ? null : body.name().trim(), body.labels(), body.location())
                .map(this::response);
    }

    @PostMapping("/{id}/disable")
    Mono<AgentResponse> disable(@PathVariable UUID id) {
        return agents.setDisabled(id, true).map(this::response);
    }

    @PostMapping("/{id}/enable")
    Mono<AgentResponse> enable(@PathVariable UUID id) {
        return agents.setDisabled(id, false).map(this::response);
    }

    /** The agent is told to stop at its next heartbeat; it finishes its running work first. */
    @PostMapping("/{id}/stop")
    Mono<ResponseEntity<AgentResponse>> stop(@PathVariable UUID id) {
        return agents.requestStop(id).map(agent -> ResponseEntity.accepted().body(response(agent)));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
        return agents.delete(id).thenReturn(ResponseEntity.noContent().build());
    }

    private AgentResponse response(io.cygnetci.agent.agent.domain.Agent agent) {
        return AgentResponse.of(agent, agents.tenantUsable(agent.tenantId()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
