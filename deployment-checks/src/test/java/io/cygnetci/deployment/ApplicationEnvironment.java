package io.cygnetci.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables an application reads, from its sources: the {@code ${NAME...}} placeholders of its
 * {@code application.yml} and of the platform defaults (the services), or the {@code CYGNETCI_*} option names in
 * its code (the runner), plus what every JVM and Spring application reads.
 */
public final class ApplicationEnvironment {

    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)([:}])");
    private static final Pattern RUNNER_OPTION = Pattern.compile("\"(CYGNETCI_(?:RUNNER_[A-Z_]+|SERVER_URL|REGISTRATION_TOKEN))\"");
    private static final Set<String> EVERY_JVM = Set.of("JAVA_TOOL_OPTIONS", "SPRING_PROFILES_ACTIVE");

    private ApplicationEnvironment() {
    }

    /** Every variable the module reads. */
    public static Set<String> readBy(String module) {
        Set<String> names = new TreeSet<>(EVERY_JVM);
        if (module.equals("runner")) {
            names.addAll(matches(sources(ROOT.resolve("runner/src/main/java")), RUNNER_OPTION));
            return names;
        }
        names.addAll(matches(read(ROOT.resolve(module).resolve("src/main/resources/application.yml")), PLACEHOLDER));
        names.addAll(matches(read(ROOT.resolve("platform-starter/src/main/resources/cygnetci-defaults.yml")),
                PLACEHOLDER));
        return names;
    }

    /** The variables the module cannot start without (placeholders with no default). */
    public static Set<String> requiredBy(String module) {
        Set<String> names = new TreeSet<>();
        if (module.equals("runner")) {
            return names;
        }
        Matcher m = PLACEHOLDER.matcher(read(ROOT.resolve(module).resolve("src/main/resources/application.yml")));
        while (m.find()) {
            if (m.group(2).equals("}")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static Set<String> matches(String text, Pattern pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String sources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder all = new StringBuilder();
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> all.append(read(f)));
            return all.toString();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
