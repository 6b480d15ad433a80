package io.cygnetci.platform.problem.web;

/** JSON member names are snake_case; Java names camelCase. */
final class JsonNames {

    private JsonNames() {
    }

    static String snakeCase(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
