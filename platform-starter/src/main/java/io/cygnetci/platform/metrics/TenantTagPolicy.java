package io.cygnetci.platform.metrics;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@code tenant} metric tag's cardinality bounded: the first {@code maxTenants} tenants seen get their
 * own tag value, every later one is tagged {@code other}.
 */
public class TenantTagPolicy {

    public static final String TAG = "tenant";
    public static final String OTHER = "other";
    public static final String NONE = "none";

    private final int maxTenants;
    private final Set<String> tagged = ConcurrentHashMap.newKeySet();

    public TenantTagPolicy(int maxTenants) {
        this.maxTenants = maxTenants;
    }

    public String tagFor(UUID tenantId) {
        if (tenantId == null) {
            return NONE;
        }
        String id = tenantId.toString();
        if (tagged.contains(id)) {
            return id;
        }
        synchronized (tagged) {
            if (tagged.size() < maxTenants) {
                tagged.add(id);
                return id;
            }
        }
        return tagged.contains(id) ? id : OTHER;
    }
}
