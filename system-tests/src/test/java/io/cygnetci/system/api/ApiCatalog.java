package io.cygnetci.system.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cygnetci.system.http.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation of every service, read from the OpenAPI documents the gateway publishes: the services listed in
 * its Swagger UI configuration, each document from {@code /api-docs/{service}}. A service or an endpoint added
 * tomorrow is in the catalog without anyone listing it.
 */
public final class ApiCatalog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final List<Operation> operations;

    private ApiCatalog(List<Operation> operations) {
        this.operations = operations;
    }

    public static ApiCatalog read(RawHttp gateway) {
        JsonNode config = JSON.readTree(ok(gateway.request("GET", "/v3/api-docs/swagger-config").send()));
        List<Operation> operations = new ArrayList<>();
        for (JsonNode url : config.get("urls")) {
            String service = url.get("name").asString();
            JsonNode document = JSON.readTree(ok(gateway.request("GET", url.get("url").asString()).send()));
            operations.addAll(operationsOf(service, document));
        }
        operations.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
        if (operations.isEmpty()) {
            throw new IllegalStateException("the gateway publishes no operation");
        }
        return new ApiCatalog(List.copyOf(operations));
    }

    public List<Operation> operations() {
        return operations;
    }

    public List<String> services() {
        return operations.stream().map(Operation::service).distinct().toList();
    }

    private static List<Operation> operationsOf(String service, JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        boolean securedByDefault = document.path("security").size() > 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<String> pathParameters = new ArrayList<>();
                Map<String, JsonNode> query = new LinkedHashMap<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    String name = parameter.get("name").asString();
                    switch (parameter.get("in").asString()) {
                        case "path" -> pathParameters.add(name);
                        case "query" -> query.put(name, queryParameter(document, parameter));
                        default -> { }
                    }
                }
                String mediaType = null;
                JsonNode schema = null;
                JsonNode content = operation.path("requestBody").path("content");
                if (!content.isMissingNode() && content.size() > 0) {
                    mediaType = content.propertyNames().iterator().next();
                    schema = resolve(document, content.get(mediaType).path("schema"));
                }
                JsonNode security = operation.get("security");
                boolean isPublic = security != null ? security.isEmpty() : !securedByDefault;
                operations.add(new Operation(service, method.toUpperCase(), path.getKey(), List.copyOf(pathParameters),
                        query, mediaType, schema, operation.path("requestBody").path("required").asBoolean(false),
                        isPublic));
            }
        }
        return operations;
    }

    /** The parameter's schema, marked {@code x-required} when the request must carry it. */
    private static JsonNode queryParameter(JsonNode document, JsonNode parameter) {
        JsonNode schema = resolve(document, parameter.path("schema"));
        ObjectNode marked = schema.isObject() ? ((ObjectNode) schema).deepCopy() : JSON.createObjectNode();
        return marked.put("x-required", parameter.path("required").asBoolean(false));
    }

    /** The schema with every {@code $ref} replaced by what it names (recursive schemas stop at a depth of 8). */
    static JsonNode resolve(JsonNode document, JsonNode schema) {
        return resolve(document, schema, 0);
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 8) {
            return JSON.createObjectNode();
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            return resolve(document, document.path("components").path("schemas").path(name), depth + 1);
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        if (schema.has("properties")) {
            ObjectNode properties = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
                properties.set(property.getKey(), resolve(document, property.getValue(), depth + 1));
            }
            copy.set("properties", properties);
        }
        if (schema.has("items")) {
            copy.set("items", resolve(document, schema.get("items"), depth + 1));
        }
        if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
            copy.set("additionalProperties", resolve(document, schema.get("additionalProperties"), depth + 1));
        }
        return copy;
    }

    private static String ok(RawHttp.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("the gateway's API documents answer " + response.status() + ": "
                    + response.body());
        }
        return response.body();
    }
}
