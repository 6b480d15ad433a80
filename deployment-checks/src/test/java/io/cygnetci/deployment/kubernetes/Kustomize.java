package io.cygnetci.deployment.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization without kubectl: the subset of Kustomize that k8s/ uses — {@code resources} (files and
 * directories), {@code namespace}, {@code labels} (metadata only), {@code configMapGenerator} (literals, create or
 * merge), {@code images} (new tag) and {@code patches} (JSON 6902, inline or from a file, with a target by kind,
 * name and label selector). Anything else in a kustomization fails the rendering, so k8s/ cannot quietly use a
 * feature this renderer would ignore. Generated ConfigMaps keep their plain names (Kustomize adds a content hash).
 */
final class Kustomize {

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final List<String> KNOWN = List.of("apiVersion", "kind", "resources", "namespace", "labels",
            "configMapGenerator", "images", "patches");
    private static final Pattern IN_SELECTOR = Pattern.compile("([\\w./-]+)\\s+in\\s+\\(([^)]*)\\)");

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path dir) throws IOException {
        Map<String, Object> k = read(dir.resolve("kustomization.yaml")).get(0);
        for (String key : k.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalStateException(dir + ": kustomization field '" + key + "' is not supported here");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(k.get("resources"))) {
            Path path = dir.resolve((String) resource).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : read(path));
        }
        for (Object generator : list(k.get("configMapGenerator"))) {
            generate(objects, map(generator));
        }
        for (Object patch : list(k.get("patches"))) {
            Map<String, Object> p = map(patch);
            String ops = p.containsKey("patch") ? (String) p.get("patch") : Files.readString(dir.resolve((String) p.get("path")));
            List<Object> operations = YAML.readValue(ops, List.class);
            for (Map<String, Object> object : objects) {
                if (matches(object, map(p.get("target")))) {
                    JsonPatch.apply(object, operations);
                }
            }
        }
        for (Object image : list(k.get("images"))) {
            Map<String, Object> i = map(image);
            for (Map<String, Object> object : objects) {
                retag(object, (String) i.get("name"), (String) i.get("newTag"));
            }
        }
        for (Object label : list(k.get("labels"))) {
            Map<String, Object> pairs = map(map(label).get("pairs"));
            for (Map<String, Object> object : objects) {
                map(map(object.get("metadata")).computeIfAbsent("labels", key -> new LinkedHashMap<>())).putAll(pairs);
            }
        }
        if (k.get("namespace") != null) {
            objects.forEach(object -> map(object.get("metadata")).put("namespace", k.get("namespace")));
        }
        return objects;
    }

    private static void generate(List<Map<String, Object>> objects, Map<String, Object> generator) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object literal : list(generator.get("literals"))) {
            String text = (String) literal;
            data.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
        }
        String name = (String) generator.get("name");
        if ("merge".equals(generator.get("behavior"))) {
            Map<String, Object> existing = objects.stream().filter(o -> "ConfigMap".equals(o.get("kind"))
                    && name.equals(map(o.get("metadata")).get("name"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no ConfigMap " + name + " to merge into"));
            map(existing.get("data")).putAll(data);
            return;
        }
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        configMap.put("data", data);
        objects.add(configMap);
    }

    private static boolean matches(Map<String, Object> object, Map<String, Object> target) {
        if (target.get("kind") != null && !target.get("kind").equals(object.get("kind"))) {
            return false;
        }
        Map<String, Object> metadata = map(object.get("metadata"));
        if (target.get("name") != null && !target.get("name").equals(metadata.get("name"))) {
            return false;
        }
        String selector = (String) target.get("labelSelector");
        if (selector == null) {
            return true;
        }
        Map<String, Object> labels = metadata.get("labels") == null ? Map.of() : map(metadata.get("labels"));
        Matcher in = IN_SELECTOR.matcher(selector.trim());
        if (in.matches()) {
            return List.of(in.group(2).split("\\s*,\\s*")).contains(labels.get(in.group(1)));
        }
        String[] pair = selector.split("=", 2);
        return pair[1].trim().equals(labels.get(pair[0].trim()));
    }

    private static void retag(Map<String, Object> object, String name, String tag) {
        if (!"Deployment".equals(object.get("kind"))) {
            return;
        }
        Map<String, Object> pod = map(map(map(object.get("spec")).get("template")).get("spec"));
        for (Object c : list(pod.get("containers"))) {
            Map<String, Object> container = map(c);
            String image = (String) container.get("image");
            if (image.startsWith(name + ":") || image.equals(name)) {
                container.put("image", name + ":" + tag);
            }
        }
    }

    static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (var parser = YAML.createParser(file.toFile())) {
            for (var it = YAML.readValues(parser, Map.class); it.hasNext();) {
                Map<String, Object> doc = it.next();
                if (doc != null) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
