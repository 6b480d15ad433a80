package io.cygnetci.system.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.cygnetci.system.http.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a tenant's admin reads from every readable operation, for telling whether anything changed in between:
 * each GET of the catalog whose path parameters the tenant has ids for, minus what moves by itself (time-series
 * endpoints, and a few timestamps the platform refreshes on its own).
 */
public final class TenantSnapshot {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Answers that move with time or with other tests' traffic, not with this tenant's data. */
    private static final Pattern MOVING = Pattern.compile(
            "/statistics|/activity|/usage|/results|/stats|/log|/audit-events|/users/count|/jobs|jwks|/internal/");
    private static final Set<String> MOVING_FIELDS = Set.of("last_seen_at", "last_used_at", "next_check_at",
            "last_checked_at", "status_changed_at", "expires_in", "expires_at");

    private final Map<String, String> reads;

    private TenantSnapshot(Map<String, String> reads) {
        this.reads = reads;
    }

    /**
     * @param idFor the tenant's id for a path parameter ({@code null} when it has none: the operation is skipped)
     */
    public static TenantSnapshot take(ApiCatalog catalog, RawHttp gateway, String token,
            Function<PathParameter, String> idFor) {
        Map<String, String> reads = new LinkedHashMap<>();
        for (Operation operation : catalog.operations()) {
            if (!operation.isRead() || operation.isPublic() || MOVING.matcher(operation.path()).find()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String parameter : operation.pathParameters()) {
                values.put(parameter, idFor.apply(new PathParameter(operation, parameter)));
            }
            if (values.containsValue(null)) {
                continue;
            }
            String path = operation.expand(values::get)
                    + (operation.queryParameters().containsKey("limit") ? "?limit=200" : "");
            RawHttp.Response response = gateway.request("GET", path).bearer(token).send();
            reads.put(path, response.status() + " " + stable(response.body()));
        }
        return new TenantSnapshot(reads);
    }

    /** What differs from an earlier snapshot, one line per read; empty when nothing did. */
    public Map<String, String> differencesFrom(TenantSnapshot before) {
        Map<String, String> differences = new LinkedHashMap<>();
        before.reads.forEach((path, answer) -> {
            String now = reads.get(path);
            if (!answer.equals(now)) {
                differences.put(path, "before: " + answer + "\n   after: " + now);
            }
        });
        return differences;
    }

    public int size() {
        return reads.size();
    }

    private static String stable(String body) {
        if (body == null || body.isBlank() || !(body.startsWith("{") || body.startsWith("["))) {
            return body;
        }
        JsonNode tree = JSON.readTree(body);
        strip(tree);
        return tree.toString();
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(MOVING_FIELDS);
            object.forEach(TenantSnapshot::strip);
        }
        else if (node.isArray()) {
            node.forEach(TenantSnapshot::strip);
        }
    }

    /** A path parameter of an operation, for the caller to find the tenant's id for. */
    public record PathParameter(Operation operation, String name) {

        public String collection() {
            return operation.collectionOf(name);
        }
    }
}
