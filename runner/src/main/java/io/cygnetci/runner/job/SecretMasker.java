package io.cygnetci.runner.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Replaces secret values by {@code ****} in a step's output before it leaves the machine. A value may arrive
 * split over two reads, so the output is masked a whole line at a time: an unfinished last line is held back
 * until it ends, the step ends, or it has waited {@code hold} (a prompt without a newline must show up
 * eventually). A secret value of several lines is masked line by line.
 */
final class SecretMasker {

    static final byte[] MASK = "****".getBytes(StandardCharsets.US_ASCII);

    /** An unfinished line longer than this is let through rather than held (binary output, a progress bar). */
    static final int MAX_HELD = 64 * 1024;

    private final List<byte[]> secrets;
    private final Consumer<byte[]> out;
    private final long holdNanos;
    private final LongSupplier nanoClock;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private long heldSince;

    SecretMasker(Collection<String> values, Consumer<byte[]> out, Duration hold, LongSupplier nanoClock) {
        // longest first, so a secret containing another is masked whole
        this.secrets = values.stream().filter(v -> v != null).flatMap(v -> v.lines())
                .filter(line -> !line.isEmpty()).distinct()
                .map(line -> line.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed()).toList();
        this.out = out;
        this.holdNanos = hold.toNanos();
        this.nanoClock = nanoClock;
    }

    synchronized void write(byte[] bytes) {
        if (secrets.isEmpty()) {
            out.accept(bytes);
            return;
        }
        if (held.size() == 0) {
            heldSince = nanoClock.getAsLong();
        }
        held.writeBytes(bytes);
        byte[] all = held.toByteArray();
        int end = all.length - lastLineEnd(all) > MAX_HELD ? all.length : lastLineEnd(all);
        if (end == 0) {
            return;
        }
        held.reset();
        held.write(all, end, all.length - end);
        if (held.size() > 0) {
            heldSince = nanoClock.getAsLong();
        }
        out.accept(mask(all, end));
    }

    /** Lets an unfinished line through once it has been held long enough. */
    synchronized void releaseStale() {
        if (held.size() > 0 && nanoClock.getAsLong() - heldSince >= holdNanos) {
            release();
        }
    }

    /** The step's output has ended: lets everything through. */
    synchronized void finish() {
        if (held.size() > 0) {
            release();
        }
    }

    private void release() {
        byte[] all = held.toByteArray();
        held.reset();
        out.accept(mask(all, all.length));
    }

    private static int lastLineEnd(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private byte[] mask(byte[] bytes, int length) {
        ByteArrayOutputStream masked = new ByteArrayOutputStream(length);
        int i = 0;
        scan:
        while (i < length) {
            for (byte[] secret : secrets) {
                if (matches(bytes, i, length, secret)) {
                    masked.writeBytes(MASK);
                    i += secret.length;
                    continue scan;
                }
            }
            masked.write(bytes[i++]);
        }
        return masked.toByteArray();
    }

    private static boolean matches(byte[] bytes, int at, int length, byte[] secret) {
        if (at + secret.length > length) {
            return false;
        }
        for (int j = 0; j < secret.length; j++) {
            if (bytes[at + j] != secret[j]) {
                return false;
            }
        }
        return true;
    }
}
