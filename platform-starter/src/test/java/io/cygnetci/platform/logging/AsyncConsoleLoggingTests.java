package io.cygnetci.platform.logging;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AsyncConsoleLoggingTests {

    @Test
    void whenTheConsoleIsWrappedThenLinesStillArriveWithTheirKeyValuesAndWrappingTwiceChangesNothing() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ListAppender<ILoggingEvent> console = new ListAppender<>();
        console.setName("CONSOLE");
        console.setContext(context);
        console.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);

        AsyncConsoleLogging.wrapConsole(context, 16);
        AsyncConsoleLogging.wrapConsole(context, 16);
        context.getLogger("access").atInfo().addKeyValue("tenant_id", "t-1").log("access");

        assertThat(root.getAppender("CONSOLE")).isNull();
        assertThat(root.getAppender(AsyncConsoleLogging.ASYNC_APPENDER)).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> console.list.size() == 1);
        assertThat(console.list.get(0).getKeyValuePairs().get(0).value).isEqualTo("t-1");
        context.stop();
    }

    @Test
    void whenTheConsoleIsStuckThenLoggingThreadsAreNotHeldUp() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        CountDownLatch release = new CountDownLatch(1);
        AppenderBase<ILoggingEvent> stuck = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                try {
                    release.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        stuck.setName("CONSOLE");
        stuck.setContext(context);
        stuck.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(stuck);
        AsyncConsoleLogging.wrapConsole(context, 16);

        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            context.getLogger("busy").info("line {}", i);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        release.countDown();
        context.stop();
    }
}
