package io.cygnetci.gateway.tenant;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The gateway's local view of tenants (status, slug, plan), kept current by tenant events. Lookups never leave
 * the process: the hot path does no I/O.
 */
@Component
public class TenantDirectory {

    private final Map<UUID, TenantEntry> byId = new ConcurrentHashMap<>();
    private final Map<String, UUID> bySlug = new ConcurrentHashMap<>();

    public Optional<TenantEntry> byId(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<TenantEntry> bySlug(String slug) {
        UUID id = bySlug.get(slug);
        return id == null ? Optional.empty() : byId(id);
    }

    public void put(TenantEntry entry) {
        TenantEntry previous = byId.put(entry.id(), entry);
        if (previous != null && !previous.slug().equals(entry.slug())) {
            bySlug.remove(previous.slug(), previous.id());
        }
        bySlug.put(entry.slug(), entry.id());
    }

    /** Adds a tenant unless an event already told us about it (events are newer than a warm-up snapshot). */
    public void putIfAbsent(TenantEntry entry) {
        if (byId.putIfAbsent(entry.id(), entry) == null) {
            bySlug.putIfAbsent(entry.slug(), entry.id());
        }
    }

    public void remove(UUID id) {
        TenantEntry previous = byId.remove(id);
        if (previous != null) {
            bySlug.remove(previous.slug(), id);
        }
    }

    public int size() {
        return byId.size();
    }
}
