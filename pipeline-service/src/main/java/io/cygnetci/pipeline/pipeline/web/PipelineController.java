package io.cygnetci.pipeline.pipeline.web;

import java.util.UUID;

import io.cygnetci.pipeline.pipeline.domain.PipelineService;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pipelines of the caller's tenant: every member reads, members and tenant admins change. */
@RestController
@RequestMapping("/api/v1/pipelines")
class PipelineController {

    private final PipelineService pipelines;

    PipelineController(PipelineService pipelines) {
        this.pipelines = pipelines;
    }

    @GetMapping
    Mono<Page<PipelineResponse>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String q) {
        return pipelines.list(q == null || q.isBlank() ? null : q.trim(), PageRequest.of(limit, cursor))
                .map(page -> page.map(PipelineResponse::of));
    }

    @PostMapping
    Mono<ResponseEntity<PipelineResponse>> create(@Valid @RequestBody PipelineRequest body) {
        return pipelines.create(PipelineRules.check(body.toDefinition()))
                .map(p -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(java.net.URI.create("/api/v1/pipelines/" + p.id())).body(PipelineResponse.of(p)));
    }

    @GetMapping("/{id}")
    Mono<PipelineResponse> get(@PathVariable UUID id) {
        return pipelines.get(id).map(PipelineResponse::of);
    }

    @PutMapping("/{id}")
    Mono<PipelineResponse> replace(@PathVariable UUID id, @Valid @RequestBody PipelineRequest body) {
        return pipelines.replace(id, PipelineRules.check(body.toDefinition())).map(PipelineResponse::of);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
        return pipelines.delete(id).thenReturn(ResponseEntity.noContent().build());
    }
}
