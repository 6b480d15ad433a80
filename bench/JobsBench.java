import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The load client of bench/jobs.sh: the job protocol under load (docs/api/pipeline-service.md, "Job protocol").
 * JDK 17, no dependencies: {@code java bench/JobsBench.java}, configured by environment variables (see
 * {@link Config#fromEnvironment()}; bench/jobs.sh sets them).
 *
 * <ol>
 * <li>Setup, as the platform admin through the gateway: TENANTS busy tenants and QUIET_TENANTS quiet ones (fresh
 * slugs {@code jobs-<epoch>-NNN} and {@code jobs-<epoch>-qNNN}), each with a registration token, simulated agents
 * (RUNNERS_PER_TENANT per busy tenant, one per quiet tenant; labels {@code linux}, registered at agent-service
 * directly: the gateway limits token-less calls to 120 a minute per address) and one pipeline (one step {@code true},
 * {@code agent_labels: [linux]}).</li>
 * <li>Readiness: one execution per agent; every agent long-polls until it has claimed and finished one. This proves
 * pipeline-service has heard of every agent (its {@code registered} event) and of every tenant.</li>
 * <li>Warm-up rounds (WARMUP_ROUNDS), then the measured round. A round queues EXECUTIONS_PER_TENANT executions per
 * busy tenant through the gateway, waits SETTLE_SECONDS, then starts every busy runner at once. A busy runner loops
 * {@code POST /api/v1/jobs/request {"wait_seconds":0}}; each job it gets it runs as a runner does (step 0 start,
 * step 0 result succeeded, finish succeeded); it stops once every execution its tenant queued this round is claimed.</li>
 * <li>Fairness, in the measured round only: each quiet tenant's runner long-polls ({@code wait_seconds 30}) from
 * before the drain starts. When PROBE_AT of the round's busy executions are claimed, one execution is triggered in
 * every quiet tenant at the same moment; the time from each trigger's answer to its claim's answer is its
 * wake-up wait.</li>
 * </ol>
 * Any answer other than 2xx (and 204 to a job request) counts as a failed call; a failed call in the measured round
 * fails the run (exit 1) after the report is written to bench/last-jobs.md. A setup failure exits 2 at once.
 */
public final class JobsBench {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SETUP_RETRY_FOR = Duration.ofSeconds(30);
    private static final Duration READINESS_DEADLINE = Duration.ofSeconds(90);
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(60);
    private static final int LONG_POLL_SECONDS = 30;
    private static final int MAX_EMPTY_POLLS = 300;
    private static final long EMPTY_POLL_PAUSE_MS = 50;
    private static final int MAX_FAILURES_PER_RUNNER = 20;
    private static final String ADMIN_EMAIL = "admin@cygnetci.local";
    private static final String ADMIN_PASSWORD = "cygnetci-admin";
    private static final String LABEL = "linux";
    private static final String PIPELINE = "{\"name\":\"jobs-bench\",\"description\":\"bench/jobs.sh\","
            + "\"agent_labels\":[\"" + LABEL + "\"],"
            + "\"steps\":[{\"name\":\"noop\",\"command\":\"true\",\"timeout_seconds\":60}]}";

    public static void main(String[] args) throws Exception {
        int exitCode;
        try {
            exitCode = new JobsBench(Config.fromEnvironment()).run();
        }
        catch (BenchFailure | IllegalArgumentException failure) {
            System.err.println("jobs bench failed: " + failure.getMessage());
            exitCode = 2;
        }
        System.exit(exitCode);
    }

    // ------------------------------------------------------------------------------------------------ configuration

    /** What the run does; every field comes from an environment variable of the same name in upper case. */
    record Config(String gateway, String agentService, String pipelineService, boolean viaGateway, int tenants,
            int runnersPerTenant, int executionsPerTenant, int quietTenants, int warmupRounds, int setupThreads,
            int settleSeconds, double probeAt, int jobMillis, String report, String machine, String pinning, String platformJvm) {

        static Config fromEnvironment() {
            String gateway = text("GATEWAY", "http://127.0.0.1:8080");
            String pipelineService = text("PIPELINE_SERVICE", "http://127.0.0.1:8083");
            Config config = new Config(gateway, text("AGENT_SERVICE", "http://127.0.0.1:8082"), pipelineService,
                    "1".equals(text("VIA_GATEWAY", "0")), number("TENANTS", 100, 1),
                    number("RUNNERS_PER_TENANT", 1, 1), number("EXECUTIONS_PER_TENANT", 10, 1),
                    number("QUIET_TENANTS", 10, 0), number("WARMUP_ROUNDS", 2, 0), number("SETUP_THREADS", 8, 1),
                    number("SETTLE_SECONDS", 5, 0), fraction("PROBE_AT", 0.5), number("JOB_MILLIS", 0, 0),
                    text("REPORT", "bench/last-jobs.md"), text("BENCH_MACHINE", "unknown machine"),
                    text("BENCH_PINNING", "not pinned"), text("BENCH_PLATFORM_JVM", "unknown"));
            if (config.executionsPerHour() > 1_000_000) {
                throw new IllegalArgumentException("too many executions per tenant for one hour's plan");
            }
            return config;
        }

        /** Where runners speak the job protocol. */
        String jobServer() {
            return viaGateway ? gateway : pipelineService;
        }

        /** Every execution one busy tenant is asked for in the run: readiness, warm-ups, the measured round. */
        int executionsPerTenantInRun() {
            return runnersPerTenant + (warmupRounds + 1) * executionsPerTenant;
        }

        /** The plan's sliding-hour quota given to the bench tenants: the default 50, or what the run needs. */
        int executionsPerHour() {
            return Math.max(50, executionsPerTenantInRun() + 5);
        }

        private static String text(String name, String otherwise) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? otherwise : value.trim();
        }

        private static int number(String name, int otherwise, int min) {
            int value = Integer.parseInt(text(name, Integer.toString(otherwise)));
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min);
            }
            return value;
        }

        private static double fraction(String name, double otherwise) {
            double value = Double.parseDouble(text(name, Double.toString(otherwise)));
            if (value <= 0 || value > 1) {
                throw new IllegalArgumentException(name + " must be in (0, 1]");
            }
            return value;
        }
    }

    /** A simulated runner: one registered agent and its credential. */
    record Agent(String tenantId, String tenantSlug, String agentId, String credential) {
    }

    /** A bench tenant with its agents and its one pipeline. */
    record Tenant(String slug, String id, String pipelineId, boolean quiet, List<Agent> agents) {
    }

    /** A setup or measurement step that cannot go on. */
    static final class BenchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BenchFailure(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------------------------------------------- run

    private final Config config;
    private final Http http = new Http();
    private final String runId = Long.toString(System.currentTimeMillis() / 1000);
    private final Samples triggerLatency = new Samples();
    private final List<String> warmupNotes = new ArrayList<>();
    /** What threads threw, in any phase: each one fails the run. */
    private final Errors crashes = new Errors();
    private String adminAuthorization;

    JobsBench(Config config) {
        this.config = config;
    }

    int run() throws InterruptedException {
        say("== job protocol bench: " + config.tenants() + " busy tenants x " + config.runnersPerTenant()
                + " runner(s) x " + config.executionsPerTenant() + " executions, " + config.quietTenants()
                + " quiet tenants; job calls to " + config.jobServer());
        adminAuthorization = "Bearer " + login();
        List<Tenant> tenants = setUpTenants();
        List<Tenant> busy = tenants.stream().filter(t -> !t.quiet()).toList();
        List<Tenant> quiet = tenants.stream().filter(Tenant::quiet).toList();
        awaitRunnersKnown(tenants);
        for (int round = 1; round <= config.warmupRounds(); round++) {
            warmUp(round, busy);
        }
        Round measured = measuredRound(busy, quiet);
        return report(measured);
    }

    private void warmUp(int number, List<Tenant> busy) throws InterruptedException {
        Round round = queueAndDrain("warm-up " + number, busy, List.of());
        Summary claims = round.claimLatency.summary();
        String note = String.format(Locale.ROOT, "warm-up %d: %.0f jobs/s, claim p50 %s ms, p99 %s ms, %d failed calls",
                number, round.jobsPerSecond(), ms(claims.p50()), ms(claims.p99()), round.errors.count());
        warmupNotes.add(note);
        say("   " + note);
    }

    private Round measuredRound(List<Tenant> busy, List<Tenant> quiet) throws InterruptedException {
        triggerLatency.clear();
        Round round = queueAndDrain("measured", busy, quiet);
        say(String.format(Locale.ROOT, "   measured: %.0f jobs/s, %d failed calls", round.jobsPerSecond(),
                round.errors.count()));
        return round;
    }

    private Round queueAndDrain(String name, List<Tenant> busy, List<Tenant> quiet) throws InterruptedException {
        say("== " + name + ": queueing " + busy.size() * config.executionsPerTenant() + " executions");
        Map<String, Set<String>> queued = queue(busy, t -> config.executionsPerTenant(), triggerLatency);
        if (config.settleSeconds() > 0) {
            say("   settling " + config.settleSeconds() + " s (outbox relay and queued events)");
            Thread.sleep(config.settleSeconds() * 1000L);
        }
        say("   draining with " + busy.stream().mapToInt(t -> t.agents().size()).sum() + " runners"
                + (quiet.isEmpty() ? "" : " and " + quiet.size() + " quiet tenants' long-polling runners"));
        return new Drain(new Round(name, queued), busy, quiet).run();
    }

    // ----------------------------------------------------------------------------------------------------- setup

    private String login() {
        Answer answer = http.post(config.gateway() + "/api/v1/auth/token", null, null,
                "{\"email\":" + Json.quote(ADMIN_EMAIL) + ",\"password\":" + Json.quote(ADMIN_PASSWORD) + "}");
        if (answer.status() != 200) {
            throw new BenchFailure("platform admin login: " + answer.describe());
        }
        return Json.field(answer.body(), "access_token");
    }

    private List<Tenant> setUpTenants() throws InterruptedException {
        int total = config.tenants() + config.quietTenants();
        say("== setting up " + total + " tenants (" + config.setupThreads() + " threads; slugs jobs-" + runId
                + "-NNN, quiet jobs-" + runId + "-qNNN)");
        ExecutorService pool = Executors.newFixedThreadPool(config.setupThreads());
        try {
            List<Future<Tenant>> futures = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            for (int i = 1; i <= total; i++) {
                boolean quiet = i > config.tenants();
                int number = quiet ? i - config.tenants() : i;
                futures.add(pool.submit(() -> {
                    Tenant tenant = setUpTenant(number, quiet);
                    int n = done.incrementAndGet();
                    if (n % 10 == 0 || n == total) {
                        say("   " + n + "/" + total + " tenants ready");
                    }
                    return tenant;
                }));
            }
            List<Tenant> tenants = new ArrayList<>();
            for (Future<Tenant> future : futures) {
                tenants.add(await(future));
            }
            return tenants;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private Tenant setUpTenant(int number, boolean quiet) {
        String slug = String.format(Locale.ROOT, "jobs-%s-%s%03d", runId, quiet ? "q" : "", number);
        int runners = quiet ? 1 : config.runnersPerTenant();
        String tenantId = Json.field(setupCall("create tenant " + slug, Set.of(201), Set.of(429, 502, 503, 504),
                () -> http.post(config.gateway() + "/api/v1/tenants", adminAuthorization, null,
                        tenantBody(slug, number, runners))).body(), "id");
        String secret = Json.field(setupCall("registration token of " + slug, Set.of(201), TENANT_NOT_KNOWN_YET,
                () -> http.post(config.gateway() + "/api/v1/agent-tokens", adminAuthorization, tenantId,
                        "{\"description\":\"bench/jobs.sh\"}")).body(), "token");
        List<Agent> agents = new ArrayList<>();
        for (int r = 1; r <= runners; r++) {
            agents.add(register(tenantId, slug, secret, slug + "-runner-" + r));
        }
        String pipelineId = Json.field(setupCall("pipeline of " + slug, Set.of(201), TENANT_NOT_KNOWN_YET,
                () -> http.post(config.gateway() + "/api/v1/pipelines", adminAuthorization, tenantId, PIPELINE))
                .body(), "id");
        return new Tenant(slug, tenantId, pipelineId, quiet, List.copyOf(agents));
    }

    /** Answers a new tenant may get until every service has its {@code created} event; retried for a while. */
    private static final Set<Integer> TENANT_NOT_KNOWN_YET = Set.of(403, 404, 429, 502, 503, 504);

    private Agent register(String tenantId, String slug, String secret, String name) {
        String uuid = UUID.randomUUID().toString(); // the same uuid on a retry: the same agent, registered again
        String body = "{\"uuid\":" + Json.quote(uuid) + ",\"name\":" + Json.quote(name)
                + ",\"hostname\":\"jobs-bench\",\"os\":\"linux\",\"arch\":\"amd64\",\"location\":\"bench\""
                + ",\"labels\":[\"" + LABEL + "\"],\"version\":\"jobs-bench\"}";
        Answer answer = setupCall("registration of " + name, Set.of(200, 201), TENANT_NOT_KNOWN_YET,
                () -> http.post(config.agentService() + "/api/v1/agents/register", "Token " + secret, null, body));
        return new Agent(tenantId, slug, Json.field(answer.body(), "agent_id"), Json.field(answer.body(),
                "credential"));
    }

    private String tenantBody(String slug, int number, int runners) {
        return "{\"slug\":" + Json.quote(slug) + ",\"display_name\":" + Json.quote("Jobs bench " + number)
                + ",\"max_agents\":" + Math.max(10, runners + 1) + ",\"requests_per_minute\":10000000"
                + ",\"executions_per_hour\":" + config.executionsPerHour() + "}";
    }

    /**
     * One setup call, repeated for up to {@link #SETUP_RETRY_FOR} while it fails with no answer or with one of
     * {@code retryable} (a 429 waits its {@code Retry-After}); any other answer outside {@code expected} fails the run.
     */
    private static Answer setupCall(String what, Set<Integer> expected, Set<Integer> retryable, Supplier<Answer> call) {
        long deadline = System.nanoTime() + SETUP_RETRY_FOR.toNanos();
        while (true) {
            Answer answer = call.get();
            if (expected.contains(answer.status())) {
                return answer;
            }
            boolean transientFailure = answer.status() < 0 || retryable.contains(answer.status());
            if (!transientFailure || System.nanoTime() > deadline) {
                throw new BenchFailure(what + ": " + answer.describe());
            }
            sleep(answer.status() == 429 ? 1000L * answer.retryAfterSeconds(1) : 500);
        }
    }

    // ------------------------------------------------------------------------------------------------- queueing

    /** Triggers {@code count(tenant)} executions of each tenant's pipeline; answers their ids by tenant id. */
    private Map<String, Set<String>> queue(List<Tenant> tenants, java.util.function.ToIntFunction<Tenant> count,
            Samples latency) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(config.setupThreads());
        try {
            Map<String, Future<Set<String>>> futures = new LinkedHashMap<>();
            for (Tenant tenant : tenants) {
                futures.put(tenant.id(), pool.submit(() -> {
                    Set<String> ids = ConcurrentHashMap.newKeySet();
                    for (int i = 0; i < count.applyAsInt(tenant); i++) {
                        ids.add(trigger(tenant, latency));
                    }
                    return ids;
                }));
            }
            Map<String, Set<String>> queued = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Set<String>>> entry : futures.entrySet()) {
                queued.put(entry.getKey(), await(entry.getValue()));
            }
            return queued;
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** Triggers one execution, as the platform admin naming the tenant, and answers its id; never retried. */
    private String trigger(Tenant tenant, Samples latency) {
        Answer answer = http.post(config.gateway() + "/api/v1/pipelines/" + tenant.pipelineId() + "/executions",
                adminAuthorization, tenant.id(), "{}");
        if (answer.status() != 201) {
            throw new BenchFailure("trigger in " + tenant.slug() + ": " + answer.describe());
        }
        latency.add(answer.elapsedNanos());
        return Json.field(answer.body(), "id");
    }

    // ------------------------------------------------------------------------------------------------ readiness

    /**
     * One execution per agent, and every agent long-polls until it has claimed and finished one: pipeline-service
     * hands an agent nothing until its {@code registered} event arrived, and a 204 cannot tell that from an empty
     * queue.
     */
    private void awaitRunnersKnown(List<Tenant> tenants) throws InterruptedException {
        say("== readiness: one execution per agent, claimed by long-polling (pipeline-service must know every agent)");
        Map<String, Set<String>> queued = queue(tenants, t -> t.agents().size(), new Samples());
        Round round = new Round("readiness", queued);
        long deadline = System.nanoTime() + READINESS_DEADLINE.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (Tenant tenant : tenants) {
            for (Agent agent : tenant.agents()) {
                threads.add(start("ready-" + agent.agentId(), () -> claimOne(agent, round, deadline)));
            }
        }
        joinAll(threads, READINESS_DEADLINE.plusSeconds(LONG_POLL_SECONDS + 20));
        if (round.finished.get() < round.total || round.errors.count() > 0 || crashes.count() > 0) {
            throw new BenchFailure(String.format(Locale.ROOT, "readiness: %d of %d agents claimed and finished a job "
                    + "within %d s, %d failed calls %s; does pipeline-service receive cygnetci.agents.v1?",
                    round.finished.get(), round.total, READINESS_DEADLINE.toSeconds(),
                    round.errors.count() + crashes.count(), concat(round.errors.samples(), crashes.samples())));
        }
        say("   every agent is known");
    }

    /** Long-polls until this agent has run one job of the round, or the deadline passed. */
    private void claimOne(Agent agent, Round round, long deadline) {
        while (System.nanoTime() < deadline) {
            int wait = (int) Math.max(0, Math.min(LONG_POLL_SECONDS, (deadline - System.nanoTime()) / 1_000_000_000L));
            Answer answer = requestJob(agent, wait);
            if (answer.status() == 200) {
                String jobId = Json.field(answer.body(), "job_id");
                if (round.claim(agent.tenantId(), jobId, answer.receivedNanos())) {
                    runJob(agent, jobId, round.calls, round.errors, round);
                    return;
                }
                stray(agent, jobId, round);
            }
            else if (answer.status() != 204) {
                round.errors.add("readiness job request of " + agent.tenantSlug() + ": " + answer.describe());
                sleep(1000);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------- rounds

    /** What one round queued and what its runners measured. */
    static final class Round {
        final String name;
        final Map<String, Set<String>> queued;
        final int total;
        final Map<String, AtomicInteger> claimedByTenant = new ConcurrentHashMap<>();
        final Map<String, Long> firstClaimNanos = new ConcurrentHashMap<>();
        final Set<String> claimedIds = ConcurrentHashMap.newKeySet();
        final AtomicInteger claims = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicLong lastFinishNanos = new AtomicLong();
        final Samples claimLatency = new Samples();
        /** Claims after each runner's first: the first ones are all sent at the drain's start, at once. */
        final Samples steadyClaimLatency = new Samples();
        final Samples emptyLatency = new Samples();
        final JobCalls calls = new JobCalls();
        final List<Probe> probes = new ArrayList<>();
        final Errors errors = new Errors();
        volatile long startNanos;
        volatile long busyEndNanos;
        volatile long clientCpuNanos = -1;

        Round(String name, Map<String, Set<String>> queued) {
            this.name = name;
            this.queued = queued;
            this.total = queued.values().stream().mapToInt(Set::size).sum();
        }

        /** Counts a claim of one of this round's executions; false for any other job (a stray). */
        boolean claim(String tenantId, String jobId, long receivedNanos) {
            Set<String> ids = queued.get(tenantId);
            if (ids == null || !ids.contains(jobId) || !claimedIds.add(jobId)) {
                return false;
            }
            claimedByTenant.computeIfAbsent(tenantId, k -> new AtomicInteger()).incrementAndGet();
            firstClaimNanos.putIfAbsent(tenantId, receivedNanos);
            claims.incrementAndGet();
            return true;
        }

        boolean tenantDone(String tenantId) {
            AtomicInteger claimed = claimedByTenant.get(tenantId);
            return claimed != null && claimed.get() >= queued.getOrDefault(tenantId, Set.of()).size();
        }

        int unclaimed() {
            return total - claims.get();
        }

        void finished(long nanos) {
            finished.incrementAndGet();
            lastFinishNanos.accumulateAndGet(nanos, Math::max);
        }

        double wallSeconds() {
            return (lastFinishNanos.get() - startNanos) / 1e9;
        }

        double jobsPerSecond() {
            double seconds = wallSeconds();
            return seconds > 0 ? finished.get() / seconds : 0;
        }

        /** The load client's CPU time over the busy drain, as a share of one core; NaN when the JVM cannot tell. */
        double clientCpuShare() {
            long elapsed = busyEndNanos - startNanos;
            return clientCpuNanos < 0 || elapsed <= 0 ? Double.NaN : (double) clientCpuNanos / elapsed;
        }
    }

    /** CPU time this process has used, or -1 when the JVM does not say. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** Latencies of the calls a runner makes for a job it claimed. */
    static final class JobCalls {
        final Samples start = new Samples();
        final Samples result = new Samples();
        final Samples finish = new Samples();
    }

    /** A quiet tenant's mid-drain execution: when it was triggered and when its runner's claim answer came. */
    static final class Probe {
        final Tenant tenant;
        volatile long triggerSentNanos;
        volatile long triggerAnsweredNanos;
        volatile String executionId;
        volatile boolean triggerFailed;
        volatile int unclaimedAtTrigger = -1;
        private String claimedJobId;
        private long claimNanos;
        private int unclaimedAtClaim = -1;

        Probe(Tenant tenant) {
            this.tenant = tenant;
        }

        boolean triggered() {
            return triggerSentNanos != 0;
        }

        synchronized void claimed(String jobId, long nanos, int unclaimedBusy) {
            claimedJobId = jobId;
            claimNanos = nanos;
            unclaimedAtClaim = unclaimedBusy;
        }

        synchronized String claimedJobId() {
            return claimedJobId;
        }

        synchronized long claimNanos() {
            return claimNanos;
        }

        synchronized int unclaimedAtClaim() {
            return unclaimedAtClaim;
        }

        /** Trigger answered → claim answered; negative when the claim's answer came back first. */
        long wakeUpNanos() {
            return claimNanos() - triggerAnsweredNanos;
        }

        /** Trigger sent → claim answered. */
        long triggerToClaimNanos() {
            return claimNanos() - triggerSentNanos;
        }
    }

    /** One round's drain: busy runners at wait 0, and in the measured round the quiet tenants' probes. */
    final class Drain {
        private final Round round;
        private final List<Tenant> busy;
        private final List<Probe> probes;
        private final AtomicInteger busyRunnersLeft = new AtomicInteger();
        private volatile boolean stopQuietRunners;

        Drain(Round round, List<Tenant> busy, List<Tenant> quiet) {
            this.round = round;
            this.busy = busy;
            this.probes = quiet.stream().map(Probe::new).toList();
            round.probes.addAll(probes);
        }

        Round run() throws InterruptedException {
            List<Thread> quietRunners = startQuietRunners();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> busyRunners = startBusyRunners(go);
            long cpuAtStart = processCpuNanos();
            round.startNanos = System.nanoTime();
            go.countDown();
            Thread prober = probes.isEmpty() ? null : start("prober", this::triggerProbesMidDrain);
            joinAll(busyRunners, Duration.ofMinutes(30));
            round.busyEndNanos = System.nanoTime();
            long cpuAtEnd = processCpuNanos();
            round.clientCpuNanos = cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtStart;
            if (prober != null) {
                joinAll(List.of(prober), Duration.ofSeconds(60));
            }
            joinAll(quietRunners, PROBE_DEADLINE.plusSeconds(LONG_POLL_SECONDS + 20));
            stopQuietRunners = true;
            checkDrained();
            checkProbes();
            return round;
        }

        private List<Thread> startQuietRunners() {
            List<Thread> threads = new ArrayList<>();
            for (Probe probe : probes) {
                Agent agent = probe.tenant.agents().get(0);
                threads.add(start("quiet-" + probe.tenant.slug(), () -> runQuiet(agent, probe)));
            }
            if (!threads.isEmpty()) {
                sleep(1000); // their first long-polls are waiting before the busy drain starts
            }
            return threads;
        }

        private List<Thread> startBusyRunners(CountDownLatch go) {
            List<Thread> threads = new ArrayList<>();
            for (Tenant tenant : busy) {
                for (Agent agent : tenant.agents()) {
                    busyRunnersLeft.incrementAndGet();
                    threads.add(start("busy-" + agent.agentId(), () -> {
                        try {
                            go.await();
                            runBusy(agent);
                        }
                        catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                        finally {
                            busyRunnersLeft.decrementAndGet();
                        }
                    }));
                }
            }
            return threads;
        }

        /** Claims at wait 0 until every execution its tenant queued this round is claimed. */
        private void runBusy(Agent agent) {
            boolean first = true;
            int emptyInARow = 0;
            int failures = 0;
            while (!round.tenantDone(agent.tenantId())) {
                Answer answer = requestJob(agent, 0);
                if (answer.status() == 200) {
                    emptyInARow = 0;
                    String jobId = Json.field(answer.body(), "job_id");
                    if (round.claim(agent.tenantId(), jobId, answer.receivedNanos())) {
                        round.claimLatency.add(answer.elapsedNanos());
                        if (!first) {
                            round.steadyClaimLatency.add(answer.elapsedNanos());
                        }
                        first = false;
                        runJob(agent, jobId, round.calls, round.errors, round);
                    }
                    else {
                        stray(agent, jobId, round);
                    }
                }
                else if (answer.status() == 204) {
                    round.emptyLatency.add(answer.elapsedNanos());
                    if (++emptyInARow >= MAX_EMPTY_POLLS) {
                        round.errors.add(agent.tenantSlug() + ": " + MAX_EMPTY_POLLS + " empty answers in a row with "
                                + unclaimed(agent.tenantId()) + " of its executions never claimed");
                        return;
                    }
                    sleep(EMPTY_POLL_PAUSE_MS); // a sibling runner holds the tenant's last claim, or one got lost
                }
                else {
                    round.errors.add("job request of " + agent.tenantSlug() + ": " + answer.describe());
                    if (++failures >= MAX_FAILURES_PER_RUNNER) {
                        return;
                    }
                    sleep(100);
                }
            }
        }

        private int unclaimed(String tenantId) {
            AtomicInteger claimed = round.claimedByTenant.get(tenantId);
            return round.queued.get(tenantId).size() - (claimed == null ? 0 : claimed.get());
        }

        /** Long-polls until the probe execution is claimed, running (and counting) anything else it gets. */
        private void runQuiet(Agent agent, Probe probe) {
            while (!stopQuietRunners && !probe.triggerFailed && !probeOverdue(probe)) {
                Answer answer = requestJob(agent, LONG_POLL_SECONDS);
                if (answer.status() == 200) {
                    String jobId = Json.field(answer.body(), "job_id");
                    if (!probe.triggered()) {
                        stray(agent, jobId, round);
                        continue;
                    }
                    probe.claimed(jobId, answer.receivedNanos(), round.unclaimed());
                    runJob(agent, jobId, new JobCalls(), round.errors, null);
                    return;
                }
                if (answer.status() != 204) {
                    round.errors.add("long-polling job request of " + agent.tenantSlug() + ": " + answer.describe());
                    sleep(1000);
                }
            }
        }

        private boolean probeOverdue(Probe probe) {
            return probe.triggered() && System.nanoTime() - probe.triggerSentNanos > PROBE_DEADLINE.toNanos();
        }

        /** Once PROBE_AT of the busy executions are claimed, triggers one execution per quiet tenant at once. */
        private void triggerProbesMidDrain() {
            int threshold = (int) Math.ceil(round.total * config.probeAt());
            while (round.claims.get() < threshold && busyRunnersLeft.get() > 0) {
                sleep(2);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> triggers = new ArrayList<>();
            for (Probe probe : probes) {
                triggers.add(start("probe-" + probe.tenant.slug(), () -> {
                    try {
                        go.await();
                        triggerProbe(probe);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            go.countDown();
            try {
                joinAll(triggers, CALL_TIMEOUT.plusSeconds(10));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

        private void triggerProbe(Probe probe) {
            probe.unclaimedAtTrigger = round.unclaimed();
            probe.triggerSentNanos = System.nanoTime(); // before sending: a claim may be answered before the trigger
            Answer answer = http.post(config.gateway() + "/api/v1/pipelines/" + probe.tenant.pipelineId()
                    + "/executions", adminAuthorization, probe.tenant.id(), "{}");
            if (answer.status() == 201) {
                probe.executionId = Json.field(answer.body(), "id");
            }
            else {
                probe.triggerFailed = true;
                round.errors.add("probe trigger in " + probe.tenant.slug() + ": " + answer.describe());
            }
            probe.triggerAnsweredNanos = answer.receivedNanos();
        }

        private void checkDrained() {
            if (round.finished.get() < round.total) {
                round.errors.add(round.name + ": " + round.finished.get() + " of " + round.total
                        + " executions claimed and finished");
            }
        }

        private void checkProbes() {
            for (Probe probe : probes) {
                String claimed = probe.claimedJobId();
                if (probe.executionId == null) {
                    continue; // its trigger failed: already counted
                }
                if (claimed == null) {
                    round.errors.add("quiet tenant " + probe.tenant.slug() + ": its execution was not claimed within "
                            + PROBE_DEADLINE.toSeconds() + " s");
                }
                else if (!claimed.equals(probe.executionId)) {
                    round.errors.add("quiet tenant " + probe.tenant.slug() + ": claimed " + claimed
                            + " instead of its probe " + probe.executionId);
                }
            }
        }
    }

    /** The answer to a job request; its elapsed time is the claim latency when it is a 200. */
    private Answer requestJob(Agent agent, int waitSeconds) {
        return http.post(config.jobServer() + "/api/v1/jobs/request", "Bearer " + agent.credential(), null,
                "{\"wait_seconds\":" + waitSeconds + "}", CALL_TIMEOUT.plusSeconds(waitSeconds));
    }

    /**
     * Runs a claimed job as a runner would with a step that succeeds at once: step start, step result, finish.
     * Failed calls go to {@code errors}; a successful finish counts in {@code countIn} unless it is null.
     */
    private boolean runJob(Agent agent, String jobId, JobCalls calls, Errors errors, Round countIn) {
        String job = config.jobServer() + "/api/v1/jobs/" + jobId;
        String auth = "Bearer " + agent.credential();
        if (!jobCall(errors, agent, "step start", calls.start, http.post(job + "/steps/0/start", auth, null, null))
                || !work()
                || !jobCall(errors, agent, "step result", calls.result, http.post(job + "/steps/0/result", auth,
                        null, "{\"status\":\"succeeded\",\"exit_code\":0}"))) {
            return false;
        }
        Answer finish = http.post(job + "/finish", auth, null, "{\"status\":\"succeeded\"}");
        boolean ok = jobCall(errors, agent, "finish", calls.finish, finish);
        if (ok && countIn != null) {
            countIn.finished(finish.receivedNanos());
        }
        return ok;
    }

    /**
     * The simulated step's run time: 0 keeps the service saturated; JOB_MILLIS paces the load, each job taking a
     * random 50-150 % of it, so runners released together do not stay in step (real jobs never take equal time).
     */
    private boolean work() {
        if (config.jobMillis() > 0) {
            try {
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(config.jobMillis() / 2,
                        config.jobMillis() * 3 / 2 + 1));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean jobCall(Errors errors, Agent agent, String what, Samples latency, Answer answer) {
        if (answer.ok()) {
            latency.add(answer.elapsedNanos());
            return true;
        }
        errors.add(what + " of a job of " + agent.tenantSlug() + ": " + answer.describe());
        return false;
    }

    /**
     * A job that is not one of this round's executions (an earlier phase lost its claim answer, and the lease queued
     * it again): a failure of the round. It is run, uncounted, so that it leaves the queue.
     */
    private void stray(Agent agent, String jobId, Round round) {
        round.errors.add(agent.tenantSlug() + " claimed job " + jobId + ", which " + round.name + " did not queue");
        runJob(agent, jobId, new JobCalls(), round.errors, null);
    }

    // ---------------------------------------------------------------------------------------------------- report

    /** Writes the report to REPORT and prints it; answers the exit code: 1 when any call of the measured round failed. */
    private int report(Round round) {
        int failures = round.errors.count() + crashes.count();
        String text = new Report(config, round, warmupNotes, triggerLatency.summary(), failures,
                concat(round.errors.samples(), crashes.samples())).markdown();
        try {
            Files.writeString(Path.of(config.report()), text);
        }
        catch (java.io.IOException ex) {
            System.err.println("could not write " + config.report() + ": " + ex);
        }
        System.out.println(text);
        if (failures > 0) {
            System.err.println("jobs bench FAILED: " + failures + " failed calls in the measured round (see above); "
                    + "the figures are not valid");
            return 1;
        }
        return 0;
    }

    /** The measured round as markdown: the headline table, every call's latencies, and what each number means. */
    record Report(Config config, Round round, List<String> warmups, Summary triggers, int failures,
            List<String> failureSamples) {

        private static final double CLAIM_P99_GOAL_MS = 100;
        private static final double FIRST_JOB_GOAL_MS = 2000;

        String markdown() {
            StringBuilder md = new StringBuilder();
            if (failures > 0) {
                md.append("**INVALID RUN: ").append(failures).append(" failed calls** (first ones below)\n\n");
            }
            md.append(header()).append("\n\n").append(headline()).append("\n\n").append(calls()).append("\n\n")
                    .append(probeDetail()).append(definitions());
            if (!failureSamples.isEmpty()) {
                md.append("\nFailed calls (first ").append(failureSamples.size()).append("):\n\n");
                failureSamples.forEach(f -> md.append("- ").append(f).append('\n'));
            }
            return md.toString();
        }

        private String header() {
            String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            int runners = config.tenants() * config.runnersPerTenant();
            return "Run " + when + " UTC on " + config.machine() + "; load client " + config.pinning()
                    + "; job calls " + (config.viaGateway() ? "through the gateway (" + config.gateway() + ")"
                            : "to pipeline-service directly (" + config.pipelineService() + ")")
                    + "; pipeline-service JVM `" + config.platformJvm() + "`.\n\n"
                    + config.tenants() + " busy tenants x " + config.runnersPerTenant() + " runner(s) (" + runners
                    + " runners) x " + config.executionsPerTenant() + " executions = " + round.total
                    + " jobs of one step `true`, each running " + (config.jobMillis() == 0 ? "no time (saturation)"
                            : "50-150 % of " + config.jobMillis()
                                    + " ms between its step start and result (a paced load)")
                    + ", queued before the drain (then " + config.settleSeconds()
                    + " s of settling); " + (config.quietTenants() == 0 ? "no quiet tenants; "
                            : config.quietTenants() + " quiet tenants with one long-polling runner each, probed when "
                                    + Math.round(config.probeAt() * 100) + " % of the busy jobs were claimed; ")
                    + config.warmupRounds() + " warm-up rounds before the measured one"
                    + (warmups.isEmpty() ? "." : ":\n" + warmups.stream().map(w -> "- " + w).reduce("",
                            (a, b) -> a + "\n" + b));
        }

        /** Claim latency without the burst of every runner's first request at the drain's start. */
        private String steadyRow() {
            Summary steady = round.steadyClaimLatency.summary();
            return "| claim latency after each runner's first claim, p50 / p95 / p99 / max | " + ms(steady.p50())
                    + " / " + ms(steady.p95()) + " / " + ms(steady.p99()) + " / " + ms(steady.max()) + " ms ("
                    + steady.count() + " claims) | p99 < 100 ms: "
                    + verdict(steady.p99() < CLAIM_P99_GOAL_MS, steady.count() > 0) + " |\n";
        }

        private String headline() {
            Summary claims = round.claimLatency.summary();
            Summary first = firstJobWaits();
            Summary wake = Summary.of(claimedProbes().stream().mapToLong(Probe::wakeUpNanos).toArray());
            return "| measure | value | goal |\n|---|---|---|\n"
                    + "| claim latency p50 / p95 / p99 / max | " + ms(claims.p50()) + " / " + ms(claims.p95()) + " / "
                    + ms(claims.p99()) + " / " + ms(claims.max()) + " ms (" + claims.count() + " claims) | p99 < 100 ms: "
                    + verdict(claims.p99() < CLAIM_P99_GOAL_MS, claims.count() > 0) + " |\n"
                    + steadyRow()
                    + String.format(Locale.ROOT, "| throughput | %.1f jobs/s (%d jobs finished in %.2f s) | |%n",
                            round.jobsPerSecond(), round.finished.get(), round.wallSeconds())
                    + "| first job of each busy tenant, p99 / max | " + ms(first.p99()) + " / " + ms(first.max())
                    + " ms (" + first.count() + " tenants) | max <= 2,000 ms: "
                    + verdict(first.max() <= FIRST_JOB_GOAL_MS, first.count() > 0) + " |\n"
                    + "| quiet tenant wake-up, p99 / max | " + ms(wake.p99()) + " / " + ms(wake.max()) + " ms ("
                    + wake.count() + " of " + round.probes.size() + " probes claimed, " + underLoad()
                    + " while busy jobs were still queued) | max <= 2,000 ms: " + fairnessVerdict(wake) + " |\n"
                    + "| failed calls | " + failures + " | 0 |\n"
                    + "| load client CPU during the drain | " + percent(round.clientCpuShare())
                    + " of one core | well under 100 % (else the client limited the figures) |";
        }

        private String calls() {
            StringBuilder md = new StringBuilder("| call (measured round) | count | p50 | p95 | p99 | max |\n"
                    + "|---|---|---|---|---|---|\n");
            row(md, "`POST /jobs/request` answered 200 (claim, wait 0)", round.claimLatency.summary());
            row(md, "`POST /jobs/request` answered 204 (wait 0, nothing to claim)", round.emptyLatency.summary());
            row(md, "`POST /jobs/{id}/steps/0/start`", round.calls.start.summary());
            row(md, "`POST /jobs/{id}/steps/0/result`", round.calls.result.summary());
            row(md, "`POST /jobs/{id}/finish`", round.calls.finish.summary());
            row(md, "`POST /pipelines/{id}/executions` (queueing, " + config.setupThreads()
                    + " threads, through the gateway)", triggers);
            row(md, "quiet probes: trigger sent -> claim answered", Summary.of(claimedProbes().stream()
                    .mapToLong(Probe::triggerToClaimNanos).toArray()));
            return md.toString().stripTrailing();
        }

        private static void row(StringBuilder md, String name, Summary s) {
            md.append("| ").append(name).append(" | ").append(s.count()).append(" | ").append(cell(s.p50()))
                    .append(" | ").append(cell(s.p95())).append(" | ").append(cell(s.p99())).append(" | ")
                    .append(cell(s.max())).append(" |\n");
        }

        private static String cell(double millis) {
            return Double.isNaN(millis) ? "-" : ms(millis) + " ms";
        }

        private static String percent(double share) {
            return Double.isNaN(share) ? "unknown" : String.format(Locale.ROOT, "%.0f %%", share * 100);
        }

        private String probeDetail() {
            if (round.probes.isEmpty()) {
                return "";
            }
            StringBuilder md = new StringBuilder("Quiet probes (trigger answered -> claim answered; busy jobs still "
                    + "unclaimed at trigger / at claim):\n\n");
            for (Probe probe : round.probes) {
                md.append("- ").append(probe.tenant.slug()).append(": ");
                if (probe.claimedJobId() == null) {
                    md.append("not claimed");
                }
                else {
                    md.append(ms(probe.wakeUpNanos() / 1e6)).append(" ms; ").append(probe.unclaimedAtTrigger)
                            .append(" / ").append(probe.unclaimedAtClaim());
                }
                md.append('\n');
            }
            return md.append('\n').toString();
        }

        private static String definitions() {
            return """
                    What the numbers are (System.nanoTime in the load client; nearest-rank percentiles):
                    - claim latency: a busy runner's `POST /api/v1/jobs/request {"wait_seconds": 0}` from just before \
                    the request is sent to its 200 answer fully read, for every claim of the measured round. \
                    Every runner loops request, step start, step result, finish, request... with no pause, so this \
                    is latency under the load of all runners at once, not of an idle service.
                    - throughput: jobs finished (finish answered) divided by the time from the start of the drain \
                    (every busy runner released at once) to the last finish answer. A job is four calls.
                    - first job of each busy tenant: from the start of the drain to the answer of that tenant's first \
                    claim. Every tenant starts at the same moment, so this shows whether some tenants wait while \
                    others are served.
                    - quiet tenant wake-up: quiet tenants have nothing queued; their runner long-polls \
                    (`wait_seconds` 30) from before the drain. When the given share of busy jobs is claimed, one \
                    execution is triggered in each quiet tenant at the same moment (through the gateway, as the \
                    platform admin). The wake-up is from the trigger's 201 answer to the claim's 200 answer; it is \
                    negative when the claim came back before the trigger's answer. Only probes claimed while busy \
                    jobs were still unclaimed show fairness under load.
                    - failed calls: any answer other than 2xx (and 204 to a job request), any call without an answer \
                    (15 s timeout, 45 s for a long-poll), any claimed job the round did not queue, any execution left \
                    unclaimed.
                    """;
        }

        private Summary firstJobWaits() {
            long start = round.startNanos;
            return Summary.of(round.firstClaimNanos.values().stream().mapToLong(t -> t - start).toArray());
        }

        private List<Probe> claimedProbes() {
            return round.probes.stream().filter(p -> p.executionId != null && p.executionId.equals(p.claimedJobId()))
                    .toList();
        }

        private long underLoad() {
            return claimedProbes().stream().filter(p -> p.unclaimedAtClaim() > 0).count();
        }

        private String fairnessVerdict(Summary wake) {
            if (round.probes.isEmpty()) {
                return "not measured (QUIET_TENANTS=0)";
            }
            if (wake.count() < round.probes.size()) {
                return "**not met** (probes not claimed)";
            }
            String verdict = verdict(wake.max() <= FIRST_JOB_GOAL_MS, true);
            return underLoad() < wake.count() ? verdict + " (but " + (wake.count() - underLoad())
                    + " probes were claimed after the busy queues had emptied)" : verdict;
        }

        private static String verdict(boolean met, boolean measured) {
            return !measured ? "not measured" : met ? "**met**" : "**not met**";
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ------------------------------------------------------------------------------------------------ statistics

    /** Latencies in nanoseconds, from many threads. */
    static final class Samples {
        private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

        void add(long value) {
            nanos.add(value);
        }

        void clear() {
            nanos.clear();
        }

        Summary summary() {
            return Summary.of(nanos.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** Nearest-rank percentiles, in milliseconds; NaN when there is no sample. */
    record Summary(int count, double p50, double p95, double p99, double max) {

        static Summary of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Summary(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.95),
                    percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }

        private static double percentile(long[] sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    /** Failed calls: counted, and the first few kept to be shown. */
    static final class Errors {
        private static final int KEPT = 20;
        private final AtomicInteger count = new AtomicInteger();
        private final List<String> samples = Collections.synchronizedList(new ArrayList<>());

        void add(String what) {
            if (count.incrementAndGet() <= KEPT) {
                samples.add(what);
                System.err.println("   failed: " + what);
            }
        }

        int count() {
            return count.get();
        }

        List<String> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- HTTP

    /** An answer, or {@code status -1} when none came (connection refused, timeout); times are System.nanoTime. */
    record Answer(int status, String body, long sentNanos, long receivedNanos, String retryAfter) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        long elapsedNanos() {
            return receivedNanos - sentNanos;
        }

        int retryAfterSeconds(int otherwise) {
            try {
                return retryAfter == null ? otherwise : Math.max(1, Math.min(30, Integer.parseInt(retryAfter.trim())));
            }
            catch (NumberFormatException ex) {
                return otherwise;
            }
        }

        String describe() {
            if (status < 0) {
                return "no answer (" + body + ")";
            }
            String text = body == null ? "" : body.replaceAll("\\s+", " ");
            return "HTTP " + status + (text.isEmpty() ? "" : " " + (text.length() > 300 ? text.substring(0, 300)
                    + "…" : text));
        }
    }

    /** java.net.http over HTTP/1.1 (no h2c upgrade attempt), a timeout on every call. */
    static final class Http {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Answer post(String url, String authorization, String tenantId, String json) {
            return post(url, authorization, tenantId, json, CALL_TIMEOUT);
        }

        /** POSTs {@code json} (no body when null) with the given {@code Authorization} and {@code X-Tenant-ID}. */
        Answer post(String url, String authorization, String tenantId, String json, Duration timeout) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", "application/json");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (tenantId != null) {
                request.header("X-Tenant-ID", tenantId);
            }
            if (json == null) {
                request.POST(HttpRequest.BodyPublishers.noBody());
            }
            else {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            }
            return send(request.build());
        }

        private Answer send(HttpRequest request) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body(), sent, System.nanoTime(),
                        response.headers().firstValue("Retry-After").orElse(null));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return new Answer(-1, "interrupted", sent, System.nanoTime(), null);
            }
            catch (java.io.IOException ex) {
                return new Answer(-1, ex.getClass().getSimpleName() + ": " + ex.getMessage(), sent, System.nanoTime(),
                        null);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- JSON

    /** The runner's own JSON reader and writer (runner.jar is on the class path), with the bench's errors. */
    static final class Json {

        private Json() {
        }

        /** A top-level string member of a JSON object answer. */
        static String field(String body, String name) {
            Map<String, Object> object;
            try {
                object = io.cygnetci.runner.json.Json.parseObject(body == null ? "" : body);
            }
            catch (RuntimeException ex) {
                throw new BenchFailure("unreadable answer (" + ex.getMessage() + "): " + abbreviate(body));
            }
            if (object.get(name) instanceof String value) {
                return value;
            }
            throw new BenchFailure("no \"" + name + "\" in the answer " + abbreviate(body));
        }

        static String quote(String value) {
            return io.cygnetci.runner.json.Json.write(value);
        }

        private static String abbreviate(String body) {
            return body == null ? "(empty)" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
        }
    }

    // ------------------------------------------------------------------------------------------------- threads

    /** A daemon thread; anything it throws (an unreadable answer, a bug) is a failure of the run. */
    private Thread start(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            }
            catch (RuntimeException ex) {
                crashes.add(name + ": " + ex);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void joinAll(List<Thread> threads, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    private static <T> T await(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof BenchFailure failure) {
                throw failure;
            }
            throw new BenchFailure(String.valueOf(ex.getCause()));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String line) {
        System.err.println(line);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }
}
