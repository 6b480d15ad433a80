package io.cygnetci.release.release.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.Access;
import io.cygnetci.release.deployment.domain.Deployment;
import io.cygnetci.release.deployment.domain.DeploymentService;
import io.cygnetci.release.environment.domain.Environment;
import io.cygnetci.release.environment.domain.EnvironmentRepository;
import io.cygnetci.release.pipeline.PipelineView;
import io.cygnetci.release.pipeline.PipelineViews;
import io.cygnetci.release.release.event.ReleaseEvents;
import io.cygnetci.release.tenant.TenantViews;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** A tenant's releases: members and admins create them, every member reads them with their stages. */
@Service
public class ReleaseService {

    /** A release with where it stands in each environment, in promotion order. */
    public record Staged(Release release, List<Stage> stages) {
    }

    private final TenantDatabase database;
    private final ReleaseRepository releases;
    private final PipelineViews pipelines;
    private final EnvironmentRepository environments;
    private final DeploymentService deployments;
    private final TenantViews tenants;
    private final Outbox outbox;
    private final Clock clock;

    public ReleaseService(TenantDatabase database, ReleaseRepository releases, PipelineViews pipelines,
            EnvironmentRepository environments, DeploymentService deployments, TenantViews tenants, Outbox outbox,
            Clock clock) {
        this.database = database;
        this.releases = releases;
        this.pipelines = pipelines;
        this.environments = environments;
        this.deployments = deployments;
        this.tenants = tenants;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Creates a release of the tenant's own pipelines (an unknown id, or another tenant's, answers 404). The pipeline
     * names are taken as they are now; the release never changes afterwards.
     */
    public Mono<Staged> create(ReleaseDefinition definition) {
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(definition.pipelineIds()));
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                tenants.ensure(caller.tenantId())
                        .then(pipelines.findExisting(ids).collectMap(PipelineView::pipelineId, Function.identity()))
                        .flatMap(found -> {
                            if (found.size() < ids.size()) {
                                return Mono.error(new NotFoundException("pipeline"));
                            }
                            List<Release.ReleasePipeline> named = ids.stream()
                                    .map(id -> new Release.ReleasePipeline(id, found.get(id).name())).toList();
                            return releases.exists(definition.name(), definition.version()).flatMap(taken -> taken
                                    ? Mono.error(new ConflictException("release-exists", "Release '"
                                            + definition.name() + "' version " + definition.version()
                                            + " already exists."))
                                    : insert(caller.tenantId(), caller.principal().userId(), definition, named));
                        })
                        .flatMap(release -> staged(release))));
    }

    public Mono<Staged> get(UUID id) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                releases.findById(id).flatMap(this::staged)))
                .switchIfEmpty(Mono.error(ReleaseService::notFound));
    }

    public Mono<Page<Release>> list(String status, String q, PageRequest page) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                releases.list(status, q, page).collectList())
                .map(rows -> Page.of(rows, page, r -> new Cursor(r.createdAt(), r.id()))));
    }

    private Mono<Release> insert(UUID tenantId, UUID userId, ReleaseDefinition d,
            List<Release.ReleasePipeline> named) {
        Instant now = clock.instant();
        Release release = new Release(UUID.randomUUID(), tenantId, d.name(), d.version(), d.notes(), named,
                d.artifacts(), Release.CREATED, userId, now, now);
        return releases.insert(release)
                .flatMap(saved -> outbox.enqueue(ReleaseEvents.snapshot(ReleaseEvents.CREATED, saved, now))
                        .thenReturn(saved));
    }

    private Mono<Staged> staged(Release release) {
        Instant now = clock.instant();
        return Mono.zip(environments.list().collectList(), deployments.latestPerEnvironment(release.id()))
                .map(t -> new Staged(release, stages(t.getT1(), t.getT2(), now)));
    }

    static List<Stage> stages(List<Environment> path, Map<UUID, Deployment> latest, Instant now) {
        List<Stage> stages = new ArrayList<>();
        boolean earlierSucceeded = true;
        for (Environment e : path) {
            Deployment d = latest.get(e.id());
            stages.add(new Stage(e.id(), e.name(), e.position(), e.requiredApprovals(), e.frozenAt(now) != null,
                    d == null ? Stage.NOT_DEPLOYED : d.status(), d == null ? null : d.id(),
                    d == null ? null : d.finishedAt(), earlierSucceeded));
            earlierSucceeded &= d != null && Deployment.SUCCEEDED.equals(d.status());
        }
        return stages;
    }

    static NotFoundException notFound() {
        return new NotFoundException("release");
    }
}
