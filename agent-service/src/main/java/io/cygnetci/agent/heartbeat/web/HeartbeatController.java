package io.cygnetci.agent.heartbeat.web;

import java.util.UUID;

import io.cygnetci.agent.heartbeat.domain.HeartbeatAnswer;
import io.cygnetci.agent.heartbeat.domain.HeartbeatReport;
import io.cygnetci.agent.heartbeat.domain.HeartbeatService;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Heartbeats, with the agent's own credential only. */
@RestController
class HeartbeatController {

    private final HeartbeatService heartbeats;

    HeartbeatController(HeartbeatService heartbeats) {
        this.heartbeats = heartbeats;
    }

    @PostMapping("/api/v1/agents/{id}/heartbeat")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<HeartbeatAnswer> heartbeat(@PathVariable UUID id, @Valid @RequestBody HeartbeatReport report) {
        return heartbeats.accept(id, report);
    }
}
