package io.cygnetci.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole platform on one machine: PostgreSQL and Kafka (embedded unless the environment names servers),
 * every service as its own process, and the demo data. Ctrl-C stops everything, services first.
 */
public final class PlatformLocal {

    private static final Logger log = LoggerFactory.getLogger(PlatformLocal.class);

    /** A service: its module (jar), database name ({@code null}: none) and port. Later services are added here. */
    record Service(String module, String database, int port) {
    }

    /** In start order: the gateway last, it warms its tenant directory from tenant-service. */
    static final List<Service> SERVICES = List.of(
            new Service("tenant-service", "tenant_service", 8081),
            new Service("agent-service", "agent_service", 8082),
            new Service("pipeline-service", "pipeline_service", 8083),
            new Service("release-service", "release_service", 8084),
            new Service("monitoring-service", "monitoring_service", 8085),
            new Service("gateway", null, 8080));

    private final List<AutoCloseable> running = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        PlatformLocal platform = new PlatformLocal();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.stop();
            stopped.countDown();
        }, "platform-local-shutdown"));
        try {
            platform.start();
        }
        catch (Exception ex) {
            log.error("The platform did not start: {}", ex.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws Exception {
        LocalPaths paths = LocalPaths.detect();
        LocalPostgres postgres = LocalPostgres.start(paths);
        running.add(postgres);
        LocalKafka kafka = LocalKafka.start();
        running.add(kafka);

        // shared by tenant-service and the gateway for the internal tenant directory; new on every run
        String internalToken = java.util.UUID.randomUUID().toString();
        List<ServiceProcess> services = new ArrayList<>();
        for (Service service : SERVICES) {
            Map<String, String> env = service.database() == null ? baseEnvironment(kafka, internalToken)
                    : environment(postgres.provision(service.database()), kafka, internalToken);
            // agent credentials must survive a restart, or every runner would have to register again
            env.put("CYGNETCI_AGENTS_KEY_LOCATION", paths.keys().resolve("agent-credentials.pem").toString());
            // and so must users' tokens
            env.put("CYGNETCI_AUTH_KEY_LOCATION", paths.keys().resolve("user-tokens.pem").toString());
            // the demo health checks watch the platform itself, on this machine: let them reach it
            env.put("CYGNETCI_CHECKS_ALLOWED_TARGETS", "127.0.0.0/8,::1/128,localhost," + postgres.host());
            ServiceProcess process = ServiceProcess.start(service.module(), paths.serviceJar(service.module()),
                    service.port(), env, paths.logs());
            running.add(process);
            services.add(process);
            process.awaitReady();
        }
        new DemoSeeder(services.get(0).baseUrl()).seed();
        new DemoPipelines("http://localhost:8080").seed();
        new DemoReleases("http://localhost:8080").seed();
        new DemoHealthChecks("http://localhost:8080", postgres.host(), postgres.port(), kafka.bootstrapServers())
                .seed();
        DemoRunners demoRunners = new DemoRunners("http://localhost:8080", paths);
        running.addAll(demoRunners.start());
        printBanner(postgres, kafka, demoRunners.token("acme-corp"));
    }

    private static Map<String, String> environment(LocalPostgres.ServiceDatabase db, LocalKafka kafka,
            String internalToken) {
        Map<String, String> env = baseEnvironment(kafka, internalToken);
        env.put("DB_R2DBC_URL", db.r2dbcUrl());
        env.put("DB_JDBC_URL", db.jdbcUrl());
        env.put("DB_RUNTIME_USER", db.runtime());
        env.put("DB_RUNTIME_PASSWORD", db.password());
        env.put("DB_OWNER_USER", db.owner());
        env.put("DB_OWNER_PASSWORD", db.password());
        env.put("CYGNETCI_BOOTSTRAP_ADMIN_EMAIL", DemoSeeder.ADMIN_EMAIL);
        env.put("CYGNETCI_BOOTSTRAP_ADMIN_PASSWORD", DemoSeeder.ADMIN_PASSWORD);
        return env;
    }

    private static Map<String, String> baseEnvironment(LocalKafka kafka, String internalToken) {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CYGNETCI_INTERNAL_TOKEN", internalToken);
        env.put("TENANT_SERVICE_URI", "http://localhost:8081");
        return env;
    }

    private static void printBanner(LocalPostgres postgres, LocalKafka kafka, String acmeToken) {
        StringBuilder banner = new StringBuilder("\n\n  CygnetCI is running\n\n");
        banner.append("  web console      http://localhost:8080   (log in as alice@acme-corp.example / cygnetci-demo)\n");
        banner.append("  gateway          http://localhost:8080/api/v1   (tenants by subdomain: http://acme-corp.localhost:8080)\n");
        banner.append("  API docs         http://localhost:8080/swagger-ui.html\n");
        banner.append("  gateway metrics  http://localhost:8090/actuator/prometheus\n");
        banner.append("  tenant-service   http://localhost:8081/api/v1   (OpenAPI: http://localhost:8081/v3/api-docs)\n");
        banner.append("  agent-service    http://localhost:8082/api/v1   (OpenAPI: http://localhost:8082/v3/api-docs)\n");
        banner.append("  pipeline-service http://localhost:8083/api/v1   (OpenAPI: http://localhost:8083/v3/api-docs)\n");
        banner.append("  release-service  http://localhost:8084/api/v1   (OpenAPI: http://localhost:8084/v3/api-docs)\n");
        banner.append("  monitoring-svc   http://localhost:8085/api/v1   (OpenAPI: http://localhost:8085/v3/api-docs)\n");
        banner.append("  JWKS             http://localhost:8081/.well-known/jwks.json\n");
        banner.append("  PostgreSQL       ").append(postgres.describe()).append('\n');
        banner.append("  Kafka            ").append(kafka.bootstrapServers()).append('\n');
        banner.append("  Logs             .cygnetci/logs/\n\n");
        banner.append("  Demo logins (POST /api/v1/auth/token with {\"email\", \"password\"}):\n");
        banner.append(String.format("    %-28s %-16s %s%n", DemoSeeder.ADMIN_EMAIL, DemoSeeder.ADMIN_PASSWORD,
                "platform admin"));
        for (DemoSeeder.DemoUser user : DemoSeeder.USERS) {
            banner.append(String.format("    %-28s %-16s %s%n", user.email(), DemoSeeder.DEMO_PASSWORD, user.roles()));
        }
        banner.append("\n  Demo runners: one per tenant (logs: .cygnetci/logs/runner-*.log). Start another one for Acme:\n");
        banner.append("    java -jar runner/target/runner.jar --server-url=http://localhost:8080 --token=")
                .append(acmeToken).append(" --name=my-runner --work-dir=.cygnetci/runners/my-runner\n");
        banner.append("\n  Press Ctrl-C to stop.\n");
        System.out.println(banner);
    }

    void stop() {
        log.info("Stopping CygnetCI");
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            }
            catch (Exception ex) {
                log.warn("Could not stop cleanly: {}", ex.getMessage());
            }
        }
        running.clear();
    }
}
