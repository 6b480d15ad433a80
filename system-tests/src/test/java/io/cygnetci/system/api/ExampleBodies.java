package io.cygnetci.system.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plausible request body for a schema: its required properties and every property that names another object
 * ({@code *_id}, {@code *_ids}), each value within the schema's constraints. The ids come from the caller, so the
 * same operation can be sent with one tenant's ids or another's.
 */
public final class ExampleBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A pattern that is a choice of words ({@code http|tcp}): an enumeration in all but name. */
    private static final Pattern WORDS = Pattern.compile("\\^?\\(?([a-z_]+)(?:\\|[a-z_]+)+\\)?\\$?");
    private static final List<String> STRING_CANDIDATES = List.of("example", "1.0.0", "a".repeat(64), "+1 555 0100");

    /** The id to send for a property like {@code pipeline_id}: given the collection it names ({@code pipelines}). */
    private final Function<String, String> idFor;
    private final String unique;

    public ExampleBodies(Function<String, String> idFor) {
        this.idFor = idFor;
        this.unique = Long.toString(System.nanoTime(), 36);
    }

    public JsonNode body(JsonNode schema) {
        return value("body", schema);
    }

    /** The collection a property named like {@code release_id} or {@code pipeline_ids} refers to. */
    public static String collectionOfProperty(String property) {
        String base = property.replaceAll("_ids?$", "");
        return base.endsWith("s") ? base : base + "s";
    }

    public static boolean isReference(String property) {
        return property.endsWith("_id") || property.endsWith("_ids");
    }

    private JsonNode value(String name, JsonNode schema) {
        String type = schema.path("type").asString("");
        if (schema.has("properties") || type.equals("object")) {
            return object(schema);
        }
        return switch (type) {
            case "array" -> array(name, schema);
            case "integer", "number" -> JSON.getNodeFactory().numberNode(number(schema));
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            default -> JSON.getNodeFactory().stringNode(string(name, schema));
        };
    }

    private ObjectNode object(JsonNode schema) {
        ObjectNode object = JSON.createObjectNode();
        List<String> required = new java.util.ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if (required.contains(property.getKey()) || isReference(property.getKey())
                    || property.getKey().equals("url")) {
                object.set(property.getKey(), value(property.getKey(), property.getValue()));
            }
        }
        return object;
    }

    private ArrayNode array(String name, JsonNode schema) {
        ArrayNode array = JSON.createArrayNode();
        int items = Math.max(1, schema.path("minItems").asInt(1));
        for (int i = 0; i < items; i++) {
            array.add(value(name.endsWith("_ids") ? name.substring(0, name.length() - 1) : name,
                    schema.path("items")));
        }
        return array;
    }

    private static long number(JsonNode schema) {
        long value = schema.has("minimum") ? Math.max(1, schema.get("minimum").asLong()) : 1;
        return schema.has("maximum") ? Math.min(value, schema.get("maximum").asLong()) : value;
    }

    private String string(String name, JsonNode schema) {
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0).asString();
        }
        String format = schema.path("format").asString("");
        if (format.equals("uuid")) {
            String id = isReference(name) ? idFor.apply(collectionOfProperty(name)) : null;
            return id != null ? id : UUID.randomUUID().toString();
        }
        if (format.equals("date-time")) {
            return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        }
        if (format.equals("email") || name.endsWith("email")) {
            return "example-" + unique + "@example.test";
        }
        if (name.endsWith("url")) {
            return "http://localhost:8080/actuator/health";
        }
        java.util.regex.Matcher words = WORDS.matcher(schema.path("pattern").asString(""));
        if (words.matches()) {
            return words.group(1);
        }
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        Pattern pattern = schema.has("pattern") ? Pattern.compile(schema.get("pattern").asString()) : null;
        for (String candidate : List.of("example-" + unique, STRING_CANDIDATES.get(0), STRING_CANDIDATES.get(1),
                STRING_CANDIDATES.get(2), STRING_CANDIDATES.get(3))) {
            String value = candidate.length() < min ? candidate + "x".repeat(min - candidate.length()) : candidate;
            if (value.length() <= max && (pattern == null || pattern.matcher(value).matches())) {
                return value;
            }
        }
        return "x".repeat(Math.max(1, min));
    }
}
