package io.cygnetci.runner.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.cygnetci.runner.Console;
import io.cygnetci.runner.FakeServer;
import io.cygnetci.runner.api.JobApiClient;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
class LogStreamerTests {

    private FakeServer server;
    private final Job job = TestJobs.job(TestJobs.step(0, "Build", "make"));
    private final JobSignals signals = new JobSignals();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private LogStreamer streamer;

    @BeforeEach
    void start() throws Exception {
        server = FakeServer.start();
        JobReporter reporter = new JobReporter(new JobApiClient(server.uri(), "test"), new TestJobs.Session(), job,
                signals, TestJobs.fast(), new Console(new PrintStream(console, true), Clock.systemUTC()));
        streamer = new LogStreamer(reporter, 0, job.logLimitBytes(), Duration.ZERO, System::nanoTime);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<FakeServer.Call> uploads() {
        return server.calls(".*/log");
    }

    @Test
    void whenOutputComesInPartsThenItArrivesInOrderEachPartAtItsOffset() throws Exception {
        streamer.append(bytes("one\n"));
        streamer.sendDue();
        streamer.append(bytes("two\n"));
        streamer.append(bytes("three\n"));
        streamer.sendDue();
        streamer.flush();

        assertThat(server.logText(job.jobId(), 0)).isEqualTo("one\ntwo\nthree\n");
        assertThat(uploads()).extracting(FakeServer.Call::query).containsExactly("offset=0", "offset=4");
        assertThat(uploads().get(1).text()).isEqualTo("two\nthree\n");
        assertThat(streamer.offset()).isEqualTo(14);
    }

    @Test
    void whenMuchOutputWaitsThenItGoesInPiecesOf64KiBAtMost() throws Exception {
        byte[] big = new byte[LogStreamer.CHUNK * 2 + 100];
        Arrays.fill(big, (byte) 'x');

        streamer.append(big);
        streamer.flush();

        assertThat(uploads()).extracting(c -> c.body().length)
                .containsExactly(LogStreamer.CHUNK, LogStreamer.CHUNK, 100);
        assertThat(server.log(job.jobId(), 0)).isEqualTo(big);
    }

    @Test
    void whenTheServerFailsForAWhileThenTheUploadIsRetriedAndNoByteIsLost() throws Exception {
        server.fail(".*/log", 503, 2);
        streamer.append(bytes("first\n"));
        streamer.sendDue();
        streamer.append(bytes("second\n"));
        streamer.flush();

        assertThat(server.logText(job.jobId(), 0)).isEqualTo("first\nsecond\n");
        assertThat(uploads()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(console.toString()).contains("cannot upload the output of step 0 (told to fail), retrying");
    }

    @Test
    void whenTheServerHasLessThanWasSentThenTheMissingBytesAreSentAgain() throws Exception {
        streamer.append(bytes("0123456789"));
        streamer.sendDue();
        server.forgetLog(job.jobId(), 0, 4);

        streamer.append(bytes("abc"));
        streamer.flush();

        // the runner dropped what the server had confirmed: it goes on from the server's offset with what it has
        assertThat(server.logText(job.jobId(), 0)).isEqualTo("0123abc");
        assertThat(uploads()).extracting(FakeServer.Call::query)
                .containsExactly("offset=0", "offset=10", "offset=4");
    }

    @Test
    void whenAnUploadsAnswerIsLostThenSendingItAgainIsAcceptedAndNothingIsDoubled() throws Exception {
        server.logAnswersToLose = 1;

        streamer.append(bytes("once\n"));
        streamer.flush();
        streamer.append(bytes("then\n"));
        streamer.flush();

        assertThat(server.logText(job.jobId(), 0)).isEqualTo("once\nthen\n");
        assertThat(uploads()).extracting(FakeServer.Call::query)
                .containsExactly("offset=0", "offset=0", "offset=5");
    }

    @Test
    void whenTheServerHasMoreThanTheRunnerThoughtThenOnlyTheRestIsSent() throws Exception {
        server.seedLog(job.jobId(), 0, bytes("abc"));

        streamer.append(bytes("abcdef"));
        streamer.flush();

        assertThat(server.logText(job.jobId(), 0)).isEqualTo("abcdef");
        assertThat(uploads()).extracting(FakeServer.Call::text).containsExactly("abcdef", "def");
    }

    @Test
    void whenTheServerTruncatesTheLogThenNothingMoreIsSent() throws Exception {
        server.logCap = 5;
        streamer.append(bytes("0123456789\n"));
        streamer.flush();

        streamer.append(bytes("more\n"));
        streamer.flush();

        assertThat(uploads()).hasSize(1);
    }

    @Test
    void whenAnAnswerAsksToCancelThenTheJobIsToldSo() throws Exception {
        server.cancelRequested = true;

        streamer.append(bytes("x\n"));
        streamer.flush();

        assertThat(signals.cancelRequested()).isTrue();
    }

    @Test
    void whenAPieceWouldSplitACharacterThenItEndsBeforeTheCharacter() throws Exception {
        byte[] text = bytes("x".repeat(LogStreamer.CHUNK - 1) + "é and more");

        streamer.append(text);
        streamer.flush();

        assertThat(uploads().get(0).body()).hasSize(LogStreamer.CHUNK - 1);
        assertThat(server.log(job.jobId(), 0)).isEqualTo(text);
    }

    @Test
    void whenTheServerNoLongerKnowsTheJobThenTheStepsOutputIsDropped() throws Exception {
        server.jobStatus = null;

        streamer.append(bytes("lost\n"));
        streamer.flush();
        streamer.append(bytes("more\n"));
        streamer.flush();

        assertThat(uploads()).hasSize(1);
        assertThat(console.toString()).contains("the server refused the output of step 0");
    }
}
