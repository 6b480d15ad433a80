package io.cygnetci.gateway.ratelimit;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Which of a tenant's two buckets a request draws from: its runners' traffic or its API calls. */
public final class BucketKinds {

    public static final String API = "api";
    public static final String RUNNER = "runner";

    private final List<PathPattern> runnerPaths;

    public BucketKinds(List<String> runnerPaths) {
        this.runnerPaths = runnerPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    public String of(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        for (PathPattern pattern : runnerPaths) {
            if (pattern.matches(path)) {
                return RUNNER;
            }
        }
        return API;
    }
}
