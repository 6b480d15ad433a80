package io.cygnetci.monitoring.config;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

import io.cygnetci.monitoring.activity.domain.ActivityLog;
import io.cygnetci.monitoring.activity.domain.ActivityStream;
import io.cygnetci.monitoring.check.domain.CheckScheduler;
import io.cygnetci.monitoring.check.domain.HealthCheckRepository;
import io.cygnetci.monitoring.check.domain.TargetGuard;
import io.cygnetci.monitoring.metrics.ConsumerLag;
import io.cygnetci.monitoring.metrics.TenantGauges;
import io.cygnetci.monitoring.readmodel.agent.AgentMinutesMeter;
import io.cygnetci.monitoring.usage.domain.UsagePublisher;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.scheduling.OnStop;
import io.cygnetci.platform.scheduling.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The guard against request forgery, and the periodic work of this service. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(30);

    @Bean
    TargetGuard targetGuard(MonitoringProperties properties) {
        return new TargetGuard(properties.checks().allowedTargets(), InetAddress::getAllByName);
    }

    @Bean
    PeriodicTask healthChecks(CheckScheduler scheduler, MonitoringProperties properties) {
        return new PeriodicTask("Running due health checks", properties.checks().pollInterval(), scheduler::runDue);
    }

    @Bean
    PeriodicTask checkResultsRetention(TenantDatabase database, HealthCheckRepository checks, Clock clock,
            MonitoringProperties properties) {
        return new PeriodicTask("Forgetting old health check results", PURGE_INTERVAL, () -> database.in(
                DbScope.platformWide(), checks.purgeResults(clock.instant().minus(properties.checks()
                        .historyRetention()))));
    }

    @Bean
    PeriodicTask activityStreaming(ActivityStream stream, MonitoringProperties properties) {
        return new PeriodicTask("Passing on new activity", properties.activity().streamPollInterval(), stream::poll);
    }

    @Bean
    PeriodicTask activityRetention(ActivityLog activity, Clock clock, MonitoringProperties properties) {
        return new PeriodicTask("Forgetting old activity", PURGE_INTERVAL,
                () -> activity.purge(clock.instant().minus(properties.activity().retention())));
    }

    /** Online agents are metered up to now first, so a closing window holds all their minutes when published. */
    @Bean
    PeriodicTask usagePublishing(AgentMinutesMeter agentMinutes, UsagePublisher publisher,
            MonitoringProperties properties) {
        return new PeriodicTask("Publishing usage records", properties.usage().publishInterval(),
                () -> agentMinutes.meterOnlineAgents().then(publisher.publishClosed()));
    }

    @Bean
    PeriodicTask agentMinutes(AgentMinutesMeter meter, MonitoringProperties properties) {
        return new PeriodicTask("Metering agent minutes", properties.usage().agentMeteringInterval(),
                meter::meterOnlineAgents);
    }

    @Bean
    PeriodicTask tenantGaugesRefresh(TenantGauges gauges, MonitoringProperties properties) {
        return new PeriodicTask("Refreshing tenant gauges", properties.gaugesRefreshInterval(), gauges::refresh);
    }

    @Bean(destroyMethod = "close")
    Admin lagAdmin(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Bean
    ConsumerLag consumerLag(Admin lagAdmin, MeterRegistry meters) {
        return new ConsumerLag(lagAdmin, meters);
    }

    @Bean
    PeriodicTask consumerLagRefresh(ConsumerLag lag) {
        return new PeriodicTask("Measuring consumer lag", LAG_INTERVAL, lag::refresh);
    }

    /** Ends live streams and abandons running checks before the web server waits for open requests to finish. */
    @Bean
    OnStop endLongRunningWork(ActivityStream stream, CheckScheduler scheduler) {
        return new OnStop(SmartLifecycle.DEFAULT_PHASE, () -> {
            stream.completeAll();
            scheduler.stop();
        });
    }
}
