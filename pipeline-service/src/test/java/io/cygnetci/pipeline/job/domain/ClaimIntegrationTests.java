package io.cygnetci.pipeline.job.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cygnetci.pipeline.support.PipelineApi.TestAgent;
import io.cygnetci.pipeline.support.PipelineServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.cygnetci.pipeline.support.PipelineApi.pipeline;
import static io.cygnetci.pipeline.support.PipelineApi.step;
import static org.assertj.core.api.Assertions.assertThat;

/** Who gets which job, when many runners of many tenants ask at once. */
class ClaimIntegrationTests extends PipelineServiceTest {

    private static final List<String> LABELS = List.of("linux", "docker", "arm64", "gpu");

    /** What a queued execution may run on. */
    record Selector(UUID tenant, UUID agentId, Set<String> labels) {

        boolean admits(TestAgent agent) {
            return agent.tenantId().equals(tenant) && (agentId != null ? agentId.equals(agent.id())
                    : agent.labels().containsAll(labels));
        }
    }

    @Test
    void whenRunnersOfRandomTenantsBindingsAndLabelsRaceThenEachGetsOnlyJobsItMayRunAndEachJobRunsOnce()
            throws Exception {
        for (long seed : new long[] { 7, 42, System.nanoTime() }) {
            Random random = new Random(seed);
            Map<UUID, Selector> queued = new HashMap<>();
            List<TestAgent> agents = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                UUID tenant = api.tenant();
                List<TestAgent> ofTenant = new ArrayList<>();
                for (int a = 1 + random.nextInt(3); a > 0; a--) {
                    ofTenant.add(api.agent(tenant, someLabels(random).toArray(String[]::new)));
                }
                agents.addAll(ofTenant);
                for (int p = 0; p < 3; p++) {
                    Map<String, Object> body = pipeline("P" + p, List.of(step("s", "true")));
                    Selector selector;
                    if (random.nextInt(3) == 0) {
                        TestAgent bound = ofTenant.get(random.nextInt(ofTenant.size()));
                        body.put("agent_id", bound.id().toString());
                        selector = new Selector(tenant, bound.id(), Set.of());
                    }
                    else {
                        Set<String> wanted = someLabels(random);
                        body.put("agent_labels", List.copyOf(wanted));
                        selector = new Selector(tenant, null, wanted);
                    }
                    UUID pipeline = api.pipelineId(tenant, body);
                    for (int e = random.nextInt(4); e > 0; e--) {
                        queued.put(api.execute(tenant, pipeline, Map.of()), selector);
                    }
                }
            }

            Map<UUID, List<TestAgent>> claims = drain(agents);

            String context = "seed " + seed;
            claims.forEach((job, claimers) -> {
                assertThat(claimers).as(context + ": job claimed once").hasSize(1);
                assertThat(queued.get(job).admits(claimers.get(0))).as(context + ": claimer may run the job")
                        .isTrue();
            });
            queued.forEach((job, selector) -> {
                boolean runnable = agents.stream().anyMatch(selector::admits);
                assertThat(claims.containsKey(job)).as(context + ": runnable jobs are claimed, others wait")
                        .isEqualTo(runnable);
            });
        }
    }

    @Test
    void whenManyRunnersRaceForTheSameQueuedJobsThenEachJobIsClaimedExactlyOnce() throws Exception {
        UUID tenant = api.tenant();
        UUID pipeline = api.pipelineId(tenant, pipeline("Race", List.of(step("s", "true"))));
        Set<UUID> queued = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            queued.add(api.execute(tenant, pipeline, Map.of()));
        }
        List<TestAgent> agents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            agents.add(api.agent(tenant));
        }
        Map<UUID, List<TestAgent>> claims = drain(agents);
        assertThat(claims.keySet()).isEqualTo(queued);
        claims.values().forEach(claimers -> assertThat(claimers).hasSize(1));
        assertThat(api.count("select count(*) from executions where tenant_id = '" + tenant
                + "' and status = 'running'")).isEqualTo(30);
    }

    /** Every agent asks for work at the same time, again and again, until none gets any. */
    private Map<UUID, List<TestAgent>> drain(List<TestAgent> agents) throws Exception {
        Map<UUID, List<TestAgent>> claims = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(agents.size());
        try {
            List<Future<?>> runners = new ArrayList<>();
            for (TestAgent agent : agents) {
                runners.add(pool.submit(() -> {
                    JsonNode job;
                    while ((job = api.claim(agent)) != null) {
                        claims.computeIfAbsent(UUID.fromString(job.get("job_id").asString()),
                                id -> Collections.synchronizedList(new ArrayList<>())).add(agent);
                    }
                    return null;
                }));
            }
            for (Future<?> runner : runners) {
                runner.get(2, TimeUnit.MINUTES);
            }
        }
        finally {
            pool.shutdownNow();
        }
        return claims;
    }

    private static Set<String> someLabels(Random random) {
        Set<String> labels = new HashSet<>();
        for (String label : LABELS) {
            if (random.nextInt(3) == 0) {
                labels.add(label);
            }
        }
        return labels;
    }
}
