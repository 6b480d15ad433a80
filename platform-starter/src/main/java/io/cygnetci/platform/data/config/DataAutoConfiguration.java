package io.cygnetci.platform.data.config;

import java.time.Clock;
import java.time.Duration;

import io.cygnetci.platform.data.LeastPrivilegeGuard;
import io.cygnetci.platform.data.TenantDatabase;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Tenant-scoped R2DBC access for services with a database. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration" })
@ConditionalOnBean(DatabaseClient.class)
public class DataAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    @Bean
    @ConditionalOnMissingBean
    TenantDatabase tenantDatabase(DatabaseClient client, TransactionalOperator transactions) {
        return new TenantDatabase(client, transactions);
    }

    /** Microsecond ticks, PostgreSQL's precision: an instant read back from the database equals the one written. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    @ConditionalOnProperty(name = "cygnetci.database.enforce-least-privilege", havingValue = "true", matchIfMissing = true)
    LeastPrivilegeGuard leastPrivilegeGuard(DatabaseClient client) {
        return new LeastPrivilegeGuard(client);
    }
}
