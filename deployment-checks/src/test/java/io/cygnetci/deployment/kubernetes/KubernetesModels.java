package io.cygnetci.deployment.kubernetes;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates an object against the Kubernetes API models of {@code io.kubernetes:client-java-api}: the model's own
 * check refuses unknown fields and missing required fields at every level, and reading it into the model refuses
 * wrong types. An object of a kind this class does not know is refused as well.
 */
final class KubernetesModels {

    private static final Map<String, Class<?>> MODELS = Map.of(
            "apps/v1/Deployment", V1Deployment.class,
            "apps/v1/StatefulSet", V1StatefulSet.class,
            "v1/Service", V1Service.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Namespace", V1Namespace.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", V1Ingress.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KubernetesModels() {
    }

    /** Answers what is wrong with the object, or null when the model accepts it. */
    static String problem(Map<String, Object> object) {
        String key = object.get("apiVersion") + "/" + object.get("kind");
        Class<?> model = MODELS.get(key);
        if (model == null) {
            return "no Kubernetes model for " + key;
        }
        try {
            Method fromJson = model.getMethod("fromJson", String.class);
            Object parsed = fromJson.invoke(null, JSON.writeValueAsString(object));
            return parsed == null ? "empty" : null;
        }
        catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static void requireValid(Map<String, Object> object) throws IOException {
        String problem = problem(object);
        if (problem != null) {
            throw new IOException(problem);
        }
    }
}
