package io.cygnetci.platform.test.diagnostics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.concurrent.TimeoutException;

import io.cygnetci.platform.test.postgres.TestDatabase;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * When a Spring test fails because a blocking read timed out (a request that never got an answer), records what the
 * test's database sessions and the JVM's threads were doing, so a rare stall leaves evidence instead of only a
 * timeout: the sessions are attached to the failure (they show in the build's console), the whole thread dump goes
 * to the test's output. Registered for every Spring test through {@code spring.factories}.
 */
public class StallDiagnostics implements TestExecutionListener, Ordered {

    @Override
    public void afterTestMethod(TestContext testContext) {
        Throwable failure = testContext.getTestException();
        if (failure == null || !isStall(failure)) {
            return;
        }
        StringBuilder sessions = new StringBuilder("stall diagnostics: ");
        appendSessions(testContext, sessions);
        failure.addSuppressed(new StallReport(sessions.toString()));
        StringBuilder threads = new StringBuilder("\n=== stall diagnostics for ")
                .append(testContext.getTestClass().getSimpleName()).append('.')
                .append(testContext.getTestMethod().getName()).append(" ===\n").append(sessions);
        appendThreads(threads);
        System.err.println(threads);
    }

    /** What the database sessions were doing when the test gave up waiting. */
    static final class StallReport extends RuntimeException {

        StallReport(String message) {
            super(message, null, false, false);
        }
    }

    /** After-test callbacks run in reverse order: this one first, while the context and its database still stand. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static boolean isStall(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || String.valueOf(t.getMessage()).contains("Timeout on blocking read")) {
                return true;
            }
        }
        return false;
    }

    private static void appendSessions(TestContext testContext, StringBuilder report) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        if (context.getBeanNamesForType(TestDatabase.class).length == 0) {
            return;
        }
        TestDatabase database = context.getBean(TestDatabase.class);
        report.append("-- sessions of database ").append(database.name()).append('\n');
        try (Connection connection = database.connectAsSuperuser(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("""
                        select pid, usename, state, wait_event_type, wait_event, now() - xact_start as in_transaction,
                            now() - state_change as in_state,
                            regexp_replace(left(query, 300), '\\s+', ' ', 'g') as query
                        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()""")) {
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    report.append(columns.getColumnName(i)).append('=').append(rows.getString(i)).append("  ");
                }
                report.append('\n');
            }
        }
        catch (Exception ex) {
            report.append("(could not read pg_stat_activity: ").append(ex).append(")\n");
        }
    }

    private static void appendThreads(StringBuilder report) {
        report.append("-- threads\n");
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            report.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                report.append(" on ").append(thread.getLockName());
            }
            report.append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                report.append("    at ").append(frame).append('\n');
            }
        }
    }
}
