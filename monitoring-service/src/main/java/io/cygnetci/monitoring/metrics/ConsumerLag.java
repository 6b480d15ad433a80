package io.cygnetci.monitoring.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code cygnetci_consumer_lag_records{group,topic}}: how many records each of the platform's consumer groups is
 * behind the end of each topic it reads. monitoring-service watches every group, not only its own, so one alert
 * covers all services. Groups are the services' application names; the per-instance groups some consumers use are
 * left out (they start at the end of their topics).
 */
public class ConsumerLag {

    private final Admin admin;
    private final MultiGauge lag;

    public ConsumerLag(Admin admin, MeterRegistry meters) {
        this.admin = admin;
        this.lag = MultiGauge.builder("cygnetci.consumer.lag").baseUnit("records")
                .description("Records a consumer group is behind the end of a topic").register(meters);
    }

    public Mono<Void> refresh() {
        return Mono.fromFuture(admin.listConsumerGroups().all().toCompletionStage().toCompletableFuture())
                .flatMapMany(groups -> Flux.fromIterable(groups).map(ConsumerGroupListing::groupId)
                        .filter(group -> group.endsWith("-service") || group.equals("gateway")))
                .concatMap(group -> Mono.fromFuture(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .toCompletionStage().toCompletableFuture()).flatMap(committed -> lagOf(group, committed)))
                .collectList()
                .doOnNext(all -> lag.register(all.stream().flatMap(m -> m.entrySet().stream())
                        .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(e.getKey(), e.getValue())).toList(), true))
                .then();
    }

    private Mono<Map<Tags, Long>> lagOf(String group, Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, OffsetAndMetadata> known = committed.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (known.isEmpty()) {
            return Mono.just(Map.of());
        }
        Map<TopicPartition, OffsetSpec> latest = known.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        ListOffsetsResult ends = admin.listOffsets(latest);
        return Mono.fromFuture(ends.all().toCompletionStage().toCompletableFuture()).map(offsets -> {
            Map<Tags, Long> byTopic = new HashMap<>();
            offsets.forEach((tp, end) -> byTopic.merge(Tags.of("group", group, "topic", tp.topic()),
                    Math.max(0, end.offset() - known.get(tp).offset()), Long::sum));
            return byTopic;
        });
    }
}
