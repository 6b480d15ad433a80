package io.cygnetci.deployment.kubernetes;

import java.util.List;
import java.util.Map;

/** JSON Patch (RFC 6902) {@code add}, {@code replace} and {@code remove} on parsed YAML: what k8s/ overlays use. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(Map<String, Object> document, List<Object> operations) {
        for (Object o : operations) {
            Map<String, Object> op = Kustomize.map(o);
            String[] path = ((String) op.get("path")).substring(1).split("/");
            Object parent = document;
            for (int i = 0; i < path.length - 1; i++) {
                parent = child(parent, unescape(path[i]));
                if (parent == null) {
                    throw new IllegalStateException("no " + op.get("path") + " in " + name(document));
                }
            }
            String last = unescape(path[path.length - 1]);
            switch ((String) op.get("op")) {
                case "add", "replace" -> set(parent, last, op.get("value"), "add".equals(op.get("op")));
                case "remove" -> remove(parent, last);
                default -> throw new IllegalStateException("unsupported op " + op.get("op"));
            }
        }
    }

    private static Object child(Object parent, String key) {
        return parent instanceof List<?> list ? list.get(Integer.parseInt(key)) : Kustomize.map(parent).get(key);
    }

    @SuppressWarnings("unchecked")
    private static void set(Object parent, String key, Object value, boolean add) {
        if (parent instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            if ("-".equals(key)) {
                items.add(value);
            }
            else if (add) {
                items.add(Integer.parseInt(key), value);
            }
            else {
                items.set(Integer.parseInt(key), value);
            }
            return;
        }
        Map<String, Object> map = Kustomize.map(parent);
        if (!add && !map.containsKey(key)) {
            throw new IllegalStateException("replace of a missing member " + key);
        }
        map.put(key, value);
    }

    private static void remove(Object parent, String key) {
        if (parent instanceof List<?> list) {
            list.remove(Integer.parseInt(key));
        }
        else if (Kustomize.map(parent).remove(key) == null) {
            throw new IllegalStateException("remove of a missing member " + key);
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static String name(Map<String, Object> document) {
        return document.get("kind") + "/" + Kustomize.map(document.get("metadata")).get("name");
    }
}
