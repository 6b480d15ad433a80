package io.cygnetci.system.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * One operation of a service's OpenAPI document, with its schemas resolved.
 *
 * @param service the document's name at the gateway ({@code /api-docs/{service}})
 * @param pathParameters the path's {@code {name}}s, in order
 * @param queryParameters the query parameters' names and schemas (marked {@code x-required: true} when required)
 * @param bodyMediaType the request body's media type, or {@code null} without a body
 * @param bodySchema the request body's schema ({@code $ref}s resolved), or {@code null}
 * @param bodyRequired whether the body is required (an optional one may be empty or {@code null})
 * @param isPublic whether it declares no security requirement (log in, JWKS, register with a registration token)
 */
public record Operation(String service, String method, String path, List<String> pathParameters,
        Map<String, JsonNode> queryParameters, String bodyMediaType, JsonNode bodySchema, boolean bodyRequired, boolean isPublic) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    public boolean hasBody() {
        return bodyMediaType != null;
    }

    public boolean hasJsonBody() {
        return bodyMediaType != null && bodyMediaType.contains("json");
    }

    /** The query parameters a request must carry, with a valid value each (a number's minimum, else 0). */
    public String requiredQuery() {
        return queryParameters.entrySet().stream().filter(e -> e.getValue().path("x-required").asBoolean(false))
                .map(e -> e.getKey() + "=" + e.getValue().path("minimum").asLong(0))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    public boolean isRead() {
        return method.equals("GET");
    }

    /** The collection a path parameter names: the path segment before it ({@code /pipelines/{id}} → pipelines). */
    public String collectionOf(String parameter) {
        String[] segments = path.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + parameter + "}")) {
                return segments[i - 1];
            }
        }
        throw new IllegalArgumentException(parameter + " is not in " + path);
    }

    /** The path with each parameter replaced by the value the function gives for its name. */
    public String expand(java.util.function.Function<String, String> values) {
        Matcher matcher = PARAMETER.matcher(path);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(values.apply(matcher.group(1))));
        }
        return matcher.appendTail(expanded).toString();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
