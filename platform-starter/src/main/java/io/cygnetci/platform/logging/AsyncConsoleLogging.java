package io.cygnetci.platform.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Puts Spring Boot's console appender behind an asynchronous queue, right after Boot has configured logging.
 * Writing a log line to stdout takes a lock and may wait on the disk or on whatever reads the pipe; on a busy
 * event loop that wait stalls every request the thread serves (measured: the gateway's access log alone cut its
 * throughput by more than half on one core). The queue never blocks: when it is full, lines are dropped rather
 * than requests delayed. {@code cygnetci.logging.async=false} turns this off.
 */
public class AsyncConsoleLogging implements GenericApplicationListener {

    static final String ASYNC_APPENDER = "ASYNC_CONSOLE";
    private static final String CONSOLE_APPENDER = "CONSOLE";

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        Environment environment = ((ApplicationEnvironmentPreparedEvent) event).getEnvironment();
        if (!environment.getProperty("cygnetci.logging.async", Boolean.class, true)) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            wrapConsole(context, environment.getProperty("cygnetci.logging.async-queue-size", Integer.class, 8192));
        }
    }

    static void wrapConsole(LoggerContext context, int queueSize) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE_APPENDER);
        if (console == null || root.getAppender(ASYNC_APPENDER) != null) {
            return;
        }
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(ASYNC_APPENDER);
        async.setQueueSize(queueSize);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.setMaxFlushTime(2000);
        async.addAppender(console);
        async.start();
        root.addAppender(async);
        root.detachAppender(console);
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
