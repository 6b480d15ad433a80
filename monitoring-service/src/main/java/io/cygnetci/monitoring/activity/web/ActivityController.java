package io.cygnetci.monitoring.activity.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.monitoring.activity.domain.Activity;
import io.cygnetci.monitoring.activity.domain.ActivityLog;
import io.cygnetci.monitoring.activity.domain.ActivityStream;
import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.security.Access;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's tenant's recent events in words, as a list and as a live stream. */
@RestController
@RequestMapping("/api/v1/activity")
class ActivityController {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int REPLAY_LIMIT = 500;

    private final ActivityLog activity;
    private final ActivityStream stream;

    ActivityController(ActivityLog activity, ActivityStream stream) {
        this.activity = activity;
        this.stream = stream;
    }

    /** Newest first; {@code kind} filters (repeat it or separate kinds by commas). */
    @GetMapping
    Mono<Page<ActivityResponse>> list(@RequestParam(required = false) List<String> kind,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return Mono.fromCallable(() -> kinds(kind)).flatMap(kinds -> {
            PageRequest page = PageRequest.of(limit, cursor);
            return Access.currentTenantReader().then(activity.list(kinds, page).collectList())
                    .map(rows -> Page.of(rows, page, a -> new Cursor(a.createdAt(), a.id())).map(ActivityResponse::of));
        });
    }

    /**
     * New activity as Server-Sent Events ({@code event: activity}, {@code id}: its position). A client reconnecting
     * with {@code Last-Event-ID} first gets what it missed (up to 500 entries). A comment opens the stream at once,
     * and one every 15 s keeps proxies from closing a quiet stream.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<ActivityResponse>> stream(@RequestHeader(name = "Last-Event-ID", required = false)
            String lastEventId) {
        return Access.currentTenantReader().flatMapMany(caller -> {
            Long resumeAfter = lastEventId == null || lastEventId.isBlank() ? null : position(lastEventId);
            Mono<Long> start = resumeAfter != null ? Mono.just(resumeAfter) : activity.lastSeq();
            return start.flatMapMany(after -> {
                // live first, so nothing recorded during the replay falls between the two; the replay's ids are
                // remembered so an entry in both is sent once
                Set<UUID> replayed = ConcurrentHashMap.newKeySet();
                Flux<Activity> missed = resumeAfter == null ? Flux.empty()
                        : activity.after(after, REPLAY_LIMIT).doOnNext(a -> replayed.add(a.id()));
                Flux<Activity> events = Flux.merge(stream.follow(caller.tenantId(), after)
                        .filter(a -> !replayed.remove(a.id())), missed);
                return Flux.merge(events.map(ActivityController::event),
                        Flux.interval(KEEP_ALIVE).map(tick -> comment("keep-alive")))
                        .startWith(comment("following the activity of this tenant"));
            });
        });
    }

    private static ServerSentEvent<ActivityResponse> event(Activity a) {
        return ServerSentEvent.builder(ActivityResponse.of(a)).id(Long.toString(a.seq())).event("activity").build();
    }

    private static ServerSentEvent<ActivityResponse> comment(String text) {
        return ServerSentEvent.<ActivityResponse>builder().comment(text).build();
    }

    private static long position(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.trim());
        }
        catch (NumberFormatException ex) {
            throw BadRequestException.field("Last-Event-ID", "is not an id this stream sent");
        }
    }

    private static List<String> kinds(List<String> requested) {
        List<String> kinds = new ArrayList<>();
        if (requested != null) {
            for (String value : requested) {
                for (String kind : value.split(",")) {
                    String k = kind.trim();
                    if (!k.isEmpty() && !Activity.KINDS.contains(k)) {
                        throw BadRequestException.field("kind", "must be one of " + String.join(", ", Activity.KINDS));
                    }
                    if (!k.isEmpty()) {
                        kinds.add(k);
                    }
                }
            }
        }
        return kinds;
    }
}
