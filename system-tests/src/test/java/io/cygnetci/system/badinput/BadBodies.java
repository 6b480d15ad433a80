package io.cygnetci.system.badinput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every way a client gets a JSON body wrong, made from a valid body and its schema. Each is one request the service
 * must refuse with a 4xx problem: broken or truncated JSON, a body that is not an object, missing required fields,
 * fields of the wrong type or null, unknown fields, strings and arrays far past any sane limit, nesting deeper than
 * a parser should follow, bytes that are not UTF-8, and bodies larger than the platform accepts.
 *
 * <p>Wrong types are those no lenient parser turns into the right one (an object for a string, text for a number):
 * a number sent for a string is read as its text, as most JSON APIs do.
 */
final class BadBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int HUGE_STRING = 200_000;
    static final int HUGE_ARRAY = 50_000;
    static final int DEEP = 5_000;
    static final int OVERSIZED = 2 * 1024 * 1024;

    record BadBody(String name, String contentType, byte[] bytes, boolean chunked) {

        static BadBody json(String name, String json) {
            return new BadBody(name, "application/json", json.getBytes(StandardCharsets.UTF_8), false);
        }
    }

    private BadBodies() {
    }

    static List<BadBody> forJson(ObjectNode valid, JsonNode schema, boolean bodyRequired) {
        List<BadBody> bodies = new ArrayList<>();
        String text = valid.toString();
        bodies.add(BadBody.json("truncated-json", text.substring(0, Math.max(1, text.length() / 2))));
        bodies.add(BadBody.json("not-json", "name=example&kind=http"));
        bodies.add(BadBody.json("trailing-garbage", text + "}"));
        bodies.add(BadBody.json("json-array", "[" + text + "]"));
        bodies.add(BadBody.json("json-string", "\"example\""));
        if (bodyRequired) {
            bodies.add(BadBody.json("json-null", "null"));
            bodies.add(new BadBody("empty-body", "application/json", new byte[0], false));
        }
        bodies.add(BadBody.json("unknown-field", with(valid, "unexpected_field", JSON.getNodeFactory().stringNode("x"))
                .toString()));
        bodies.add(BadBody.json("deeply-nested-unknown-field", text.substring(0, text.length() - 1)
                + (valid.isEmpty() ? "" : ",") + "\"nested\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "}"));
        bodies.add(BadBody.json("deeply-nested-document", "[".repeat(DEEP * 20) + "]".repeat(DEEP * 20)));
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        if (!required.isEmpty()) {
            bodies.add(BadBody.json("empty-object", "{}"));
        }
        for (String field : required) {
            ObjectNode missing = valid.deepCopy();
            missing.remove(field);
            bodies.add(BadBody.json("missing-" + field, missing.toString()));
            bodies.add(BadBody.json("null-" + field, with(valid, field, JSON.getNodeFactory().nullNode()).toString()));
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String field = property.getKey();
            JsonNode fieldSchema = property.getValue();
            bodies.add(BadBody.json("wrong-type-" + field, with(valid, field, wrongType(fieldSchema)).toString()));
            String type = fieldSchema.path("type").asString("");
            if (type.equals("string") && !fieldSchema.has("enum")) {
                bodies.add(BadBody.json("huge-string-" + field, with(valid, field,
                        JSON.getNodeFactory().stringNode("x".repeat(HUGE_STRING))).toString()));
            }
            if (type.equals("array")) {
                ArrayNode huge = JSON.createArrayNode();
                JsonNode item = valid.has(field) && valid.get(field).size() > 0 ? valid.get(field).get(0)
                        : JSON.getNodeFactory().stringNode("x");
                for (int i = 0; i < HUGE_ARRAY; i++) {
                    huge.add(item);
                }
                bodies.add(BadBody.json("huge-array-" + field, with(valid, field, huge).toString()));
            }
            if (type.equals("object") || fieldSchema.has("additionalProperties")) {
                bodies.add(BadBody.json("deeply-nested-" + field, text.substring(0, text.length() - 1)
                        + (valid.isEmpty() ? "" : ",") + "\"" + field + "\":" + "{\"a\":".repeat(DEEP) + "1"
                        + "}".repeat(DEEP) + "}"));
                bodies.add(BadBody.json("many-entries-" + field, with(valid, field, manyEntries()).toString()));
            }
        }
        bodies.add(new BadBody("invalid-utf8", "application/json", invalidUtf8(valid), false));
        bodies.addAll(wrongContentTypes(text.getBytes(StandardCharsets.UTF_8)));
        bodies.addAll(oversized("application/json", ("{\"padding\":\"" + "x".repeat(OVERSIZED) + "\"}")
                .getBytes(StandardCharsets.UTF_8)));
        return bodies;
    }

    /** A body that is not JSON at all (a log chunk): only its media type and its size can be wrong. */
    static List<BadBody> forOther(String mediaType) {
        List<BadBody> bodies = new ArrayList<>();
        bodies.add(new BadBody("json-instead-of-" + mediaType, "application/json", "{}".getBytes(), false));
        bodies.add(new BadBody("xml-instead-of-" + mediaType, "application/xml", "<x/>".getBytes(), false));
        bodies.addAll(oversized(mediaType, "x".repeat(OVERSIZED).getBytes(StandardCharsets.UTF_8)));
        return bodies;
    }

    private static List<BadBody> wrongContentTypes(byte[] validJson) {
        return List.of(new BadBody("text-plain", "text/plain", validJson, false),
                new BadBody("xml", "application/xml", validJson, false),
                new BadBody("form", "application/x-www-form-urlencoded", validJson, false),
                new BadBody("no-content-type", null, validJson, false));
    }

    private static List<BadBody> oversized(String mediaType, byte[] bytes) {
        return List.of(new BadBody("oversized", mediaType, bytes, false),
                new BadBody("oversized-chunked", mediaType, bytes, true));
    }

    private static JsonNode wrongType(JsonNode schema) {
        return switch (schema.path("type").asString("")) {
            case "integer", "number" -> JSON.getNodeFactory().stringNode("not a number");
            case "boolean" -> JSON.getNodeFactory().stringNode("maybe");
            case "array" -> JSON.getNodeFactory().stringNode("not an array");
            case "object" -> JSON.getNodeFactory().stringNode("not an object");
            default -> schema.has("properties") ? JSON.getNodeFactory().stringNode("not an object")
                    : JSON.createObjectNode().put("not", "a string");
        };
    }

    private static ObjectNode manyEntries() {
        ObjectNode many = JSON.createObjectNode();
        for (int i = 0; i < 20_000; i++) {
            many.put("k" + i, "v");
        }
        return many;
    }

    private static ObjectNode with(ObjectNode valid, String field, JsonNode value) {
        ObjectNode copy = valid.deepCopy();
        copy.set(field, value);
        return copy;
    }

    /** The valid body with a string value made of a byte sequence UTF-8 forbids (0xC3 0x28). */
    private static byte[] invalidUtf8(ObjectNode valid) {
        ObjectNode copy = valid.deepCopy();
        String field = copy.propertyNames().stream().filter(name -> copy.get(name).isString()).findFirst()
                .orElse("unexpected_field");
        copy.put(field, "@@INVALID@@");
        byte[] text = copy.toString().getBytes(StandardCharsets.UTF_8);
        String marker = "@@INVALID@@";
        int at = copy.toString().indexOf(marker);
        byte[] bytes = new byte[text.length - marker.length() + 2];
        System.arraycopy(text, 0, bytes, 0, at);
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28;
        System.arraycopy(text, at + marker.length(), bytes, at + 2, text.length - at - marker.length());
        return bytes;
    }
}
