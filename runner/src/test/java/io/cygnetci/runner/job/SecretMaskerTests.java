package io.cygnetci.runner.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong();

    private SecretMasker masker(String... secrets) {
        return new SecretMasker(List.of(secrets), out::writeBytes, Duration.ofSeconds(1), now::get);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String sent() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whenASecretIsInALineThenItIsMaskedEveryTimeAndTheRestIsKept() {
        SecretMasker masker = masker("s3cr3t", "tok");

        masker.write(bytes("key=s3cr3t and s3cr3t again, tok\nplain line\n"));

        assertThat(sent()).isEqualTo("key=**** and **** again, ****\nplain line\n");
    }

    @Test
    void whenOneSecretContainsAnotherThenTheLongerIsMaskedWhole() {
        SecretMasker masker = masker("abc", "abcdef");

        masker.write(bytes("x abcdef y abc\n"));

        assertThat(sent()).isEqualTo("x **** y ****\n");
    }

    @Test
    void whenASecretStraddlesTwoReadsThenItIsStillMasked() {
        SecretMasker masker = masker("s3cr3t-value");

        masker.write(bytes("first line\nthe key is s3cr"));
        assertThat(sent()).isEqualTo("first line\n");
        masker.write(bytes("3t-val"));
        masker.write(bytes("ue, done\nnext"));

        assertThat(sent()).isEqualTo("first line\nthe key is ****, done\n");
        masker.finish();
        assertThat(sent()).endsWith("\nnext");
    }

    @Test
    void whenALineStaysUnfinishedForASecondThenItIsLetThroughMasked() {
        SecretMasker masker = masker("pw");
        masker.write(bytes("Password pw? "));

        now.addAndGet(Duration.ofMillis(999).toNanos());
        masker.releaseStale();
        assertThat(sent()).isEmpty();

        now.addAndGet(Duration.ofMillis(1).toNanos());
        masker.releaseStale();
        assertThat(sent()).isEqualTo("Password ****? ");
    }

    @Test
    void whenAnUnfinishedLineGrowsThenItIsHeldSinceItsFirstByte() {
        SecretMasker masker = masker("pw");
        masker.write(bytes("line one\nprogress ."));
        now.addAndGet(Duration.ofMillis(600).toNanos());
        masker.write(bytes("."));
        now.addAndGet(Duration.ofMillis(600).toNanos());

        masker.releaseStale();

        assertThat(sent()).isEqualTo("line one\nprogress ..");
    }

    @Test
    void whenASecretHasSeveralLinesThenEachOfItsLinesIsMasked() {
        SecretMasker masker = masker("-----BEGIN KEY-----\nMIIEabc\n-----END KEY-----");

        masker.write(bytes("-----BEGIN KEY-----\nMIIEabc\n-----END KEY-----\n"));

        assertThat(sent()).isEqualTo("****\n****\n****\n");
    }

    @Test
    void whenThereIsNoSecretThenOutputPassesAtOnce() {
        SecretMasker masker = masker();

        masker.write(bytes("no newline yet"));

        assertThat(sent()).isEqualTo("no newline yet");
    }

    @Test
    void whenAnUnfinishedLineIsHugeThenItIsNotHeldBack() {
        SecretMasker masker = masker("pw");

        masker.write(new byte[SecretMasker.MAX_HELD + 1]);

        assertThat(out.size()).isEqualTo(SecretMasker.MAX_HELD + 1);
    }
}
