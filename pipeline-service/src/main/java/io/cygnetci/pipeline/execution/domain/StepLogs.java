package io.cygnetci.pipeline.execution.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import io.cygnetci.pipeline.config.PipelineProperties;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.problem.ConflictException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Step output as append-only chunks. The runner's offsets count the bytes it sent; what is kept has secret values
 * masked and stops at the per-step cap, with a line saying so. Appends run in the caller's transaction with the
 * step's row locked, so two uploads of one step append in turn.
 */
@Component
public class StepLogs {

    static final byte[] MASK = "****".getBytes(StandardCharsets.UTF_8);

    /** What an append left: the offset the next chunk must start at, and whether output is being dropped. */
    public record Appended(long nextOffset, boolean truncated) {
    }

    /** A range of a step's stored log. {@code complete}: the step has finished and nothing follows. */
    public record Range(byte[] content, long offset, long nextOffset, long size, boolean truncated,
            boolean complete) {
    }

    private final TenantDatabase database;
    private final long limit;

    public StepLogs(TenantDatabase database, PipelineProperties properties) {
        this.database = database;
        this.limit = properties.logLimitPerStep().toBytes();
    }

    public Mono<Appended> append(Execution execution, ExecutionStep step, long offset, byte[] chunk) {
        if (offset != step.logReceived()) {
            if (offset + chunk.length == step.logReceived() && offset >= 0) {
                return Mono.just(new Appended(step.logReceived(), step.logTruncated()));
            }
            return Mono.error(new LogOffsetMismatchException(step.logReceived()));
        }
        if (step.finished()) {
            return Mono.error(new ConflictException("step-finished", "The step has finished: its log is closed."));
        }
        if (chunk.length == 0) {
            return Mono.just(new Appended(step.logReceived(), step.logTruncated()));
        }
        byte[] kept = mask(chunk, secretValues(execution));
        boolean truncated = step.logTruncated();
        long room = limit - step.logStored();
        if (truncated || room <= 0) {
            kept = new byte[0];
            truncated = true;
        }
        else if (kept.length > room) {
            byte[] head = new byte[(int) room];
            System.arraycopy(kept, 0, head, 0, head.length);
            byte[] notice = ("\n[log truncated: this step's output passed " + limit + " bytes]\n")
                    .getBytes(StandardCharsets.UTF_8);
            kept = concat(head, notice);
            truncated = true;
        }
        long next = step.logReceived() + chunk.length;
        boolean nowTruncated = truncated;
        Mono<Long> store = kept.length == 0 ? Mono.just(0L) : database.client().sql("""
                insert into step_log_chunks (execution_id, idx, start, tenant_id, content)
                values (:execution, :idx, :start, :tenant, :content)""")
                .bind("execution", execution.id()).bind("idx", step.index()).bind("start", step.logStored())
                .bind("tenant", execution.tenantId()).bind("content", java.nio.ByteBuffer.wrap(kept))
                .fetch().rowsUpdated();
        long keptLength = kept.length;
        return store.then(database.client().sql("""
                update execution_steps set log_received = :received, log_stored = log_stored + :kept,
                    log_truncated = :truncated
                where execution_id = :execution and idx = :idx""")
                .bind("received", next).bind("kept", keptLength).bind("truncated", nowTruncated)
                .bind("execution", execution.id()).bind("idx", step.index())
                .fetch().rowsUpdated())
                .thenReturn(new Appended(next, nowTruncated));
    }

    /** Up to {@code max} bytes of the stored log from {@code offset}, in the caller's transaction. */
    public Mono<Range> read(ExecutionStep step, long offset, int max) {
        long from = Math.min(Math.max(offset, 0), step.logStored());
        long to = Math.min(from + max, step.logStored());
        return database.client().sql("""
                select start, content from step_log_chunks
                where execution_id = :execution and idx = :idx and start < :to
                    and start + octet_length(content) > :from
                order by start""")
                .bind("execution", step.executionId()).bind("idx", step.index()).bind("from", from).bind("to", to)
                .map(row -> new Chunk(row.get("start", Long.class), bytes(row.get("content"))))
                .all()
                .collectList()
                .map(chunks -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    for (Chunk c : chunks) {
                        int start = (int) Math.max(0, from - c.start());
                        int end = (int) Math.min(c.content().length, to - c.start());
                        out.write(c.content(), start, end - start);
                    }
                    return new Range(out.toByteArray(), from, to, step.logStored(), step.logTruncated(),
                            step.finished() && to >= step.logStored());
                });
    }

    private record Chunk(long start, byte[] content) {
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        java.nio.ByteBuffer buffer = ((java.nio.ByteBuffer) value).duplicate();
        byte[] array = new byte[buffer.remaining()];
        buffer.get(array);
        return array;
    }

    private static Collection<String> secretValues(Execution execution) {
        return execution.secretNames().stream().map(execution.parameters()::get)
                .filter(v -> v != null && !v.isEmpty()).toList();
    }

    /** Replaces every occurrence of each secret value (as UTF-8 bytes) with {@code ****}. */
    static byte[] mask(byte[] content, Collection<String> secrets) {
        byte[] result = content;
        for (String secret : secrets) {
            result = replace(result, secret.getBytes(StandardCharsets.UTF_8));
        }
        return result;
    }

    private static byte[] replace(byte[] content, byte[] secret) {
        ByteArrayOutputStream out = null;
        int copied = 0;
        for (int i = 0; i + secret.length <= content.length; i++) {
            if (matches(content, i, secret)) {
                if (out == null) {
                    out = new ByteArrayOutputStream(content.length);
                }
                out.write(content, copied, i - copied);
                out.write(MASK, 0, MASK.length);
                i += secret.length - 1;
                copied = i + 1;
            }
        }
        if (out == null) {
            return content;
        }
        out.write(content, copied, content.length - copied);
        return out.toByteArray();
    }

    private static boolean matches(byte[] content, int at, byte[] secret) {
        for (int j = 0; j < secret.length; j++) {
            if (content[at + j] != secret[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
