package io.cygnetci.runner.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the runner's options, each from the first of: a command-line flag ({@code --server-url=...}), an
 * environment variable ({@code CYGNETCI_SERVER_URL}), the configuration file ({@code server-url=...}, from
 * {@code --config} or {@code <work-dir>/runner.properties}), the default.
 */
public final class OptionsParser {

    /**
     * An option: its flag and file key, its environment variable, its default, and what it means. A switch is a
     * true/false option that may be given as a bare flag ({@code --keep-workspaces}).
     */
    record Option(String key, String env, String defaultValue, String help, boolean isSwitch) {

        Option(String key, String env, String defaultValue, String help) {
            this(key, env, defaultValue, help, false);
        }
    }

    static final int MAX_CONCURRENCY = 64;

    static final List<Option> OPTIONS = List.of(
            new Option("server-url", "CYGNETCI_SERVER_URL", "http://localhost:8080",
                    "the CygnetCI gateway the runner talks to"),
            new Option("token", "CYGNETCI_REGISTRATION_TOKEN", null,
                    "the tenant's agent registration token (cygreg_...); needed until the runner has registered"),
            new Option("name", "CYGNETCI_RUNNER_NAME", null, "the agent's name (default: this host's name)"),
            new Option("labels", "CYGNETCI_RUNNER_LABELS", "",
                    "comma-separated labels jobs can select this agent by, e.g. linux,docker,region=eu"),
            new Option("location", "CYGNETCI_RUNNER_LOCATION", null, "where the agent runs, free text"),
            new Option("work-dir", "CYGNETCI_RUNNER_WORK_DIR", "cygnetci-runner",
                    "keeps the agent's identity and credential (mode 600) and the jobs' files"),
            new Option("config", "CYGNETCI_RUNNER_CONFIG", null,
                    "a properties file with any of these options (default: <work-dir>/runner.properties)"),
            new Option("max-backoff", "CYGNETCI_RUNNER_MAX_BACKOFF", "60",
                    "the longest wait, in seconds, between retries while the server is unreachable"),
            new Option("concurrency", "CYGNETCI_RUNNER_CONCURRENCY", "1",
                    "how many jobs to run at the same time (1 to " + MAX_CONCURRENCY + ")"),
            new Option("keep-workspaces", "CYGNETCI_RUNNER_KEEP_WORKSPACES", "false",
                    "keep each job's workspace (<work-dir>/work/<tenant>/<execution>) after the job", true));

    private OptionsParser() {
    }

    public static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    public static String help() {
        StringBuilder out = new StringBuilder("""
                Usage: java -jar runner.jar [--option=value ...]

                The CygnetCI runner registers this machine as a build agent of one tenant, with the tenant's
                registration token, then heartbeats with its CPU, memory and disk load, and runs the tenant's jobs:
                each step as a shell command in the job's workspace, its output streamed to the server. It keeps its
                identity in its work directory, so it is the same agent after a restart. On SIGTERM it takes no new
                jobs and finishes its running ones, still heartbeating, then exits.

                Each option is read from the first of: the flag, the environment variable, the configuration file,
                the default.

                """);
        for (Option o : OPTIONS) {
            String flag = o.key() + (o.isSwitch() ? "" : "=");
            out.append(String.format("  --%-17s %-32s %s%s%n", flag, o.env(), o.help(),
                    o.defaultValue() == null || o.defaultValue().isEmpty() ? "" : " [" + o.defaultValue() + "]"));
        }
        out.append(String.format("  --%-17s %-32s %s%n", "help", "", "print this and exit"));
        return out.toString();
    }

    public static RunnerOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && !arg.contains("=") && OPTIONS.stream()
                    .anyMatch(o -> o.isSwitch() && o.key().equals(arg.substring(2)))) {
                flags.put(arg.substring(2), "true");
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Unknown argument \"" + arg + "\" (options look like --name=value)");
            }
            String key = arg.substring(2, arg.indexOf('='));
            if (OPTIONS.stream().noneMatch(o -> o.key().equals(key))) {
                throw new IllegalArgumentException("Unknown option --" + key + " (see --help)");
            }
            flags.put(key, arg.substring(arg.indexOf('=') + 1));
        }
        Properties file = new Properties();
        String workDir = pick("work-dir", flags, env, file);
        String config = pick("config", flags, env, file);
        Path configFile = config != null ? Path.of(config) : Path.of(workDir, "runner.properties");
        if (config != null || Files.isRegularFile(configFile)) {
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            }
            catch (IOException ex) {
                throw new IllegalArgumentException("Cannot read the configuration file " + configFile + ": " + ex);
            }
            workDir = pick("work-dir", flags, env, file);
        }
        URI server = parseUrl(pick("server-url", flags, env, file));
        String name = pick("name", flags, env, file);
        String labels = pick("labels", flags, env, file);
        long backoff;
        try {
            backoff = Long.parseLong(pick("max-backoff", flags, env, file));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--max-backoff must be a number of seconds");
        }
        return new RunnerOptions(server, blankToNull(pick("token", flags, env, file)),
                name == null || name.isBlank() ? hostName() : name.trim(),
                Arrays.stream(labels.split(",")).map(String::trim).filter(l -> !l.isEmpty()).toList(),
                blankToNull(pick("location", flags, env, file)), Path.of(workDir).toAbsolutePath(),
                Duration.ofSeconds(Math.max(1, backoff)), concurrency(pick("concurrency", flags, env, file)),
                yesOrNo("keep-workspaces", pick("keep-workspaces", flags, env, file)));
    }

    private static int concurrency(String value) {
        try {
            int concurrency = Integer.parseInt(value.trim());
            if (concurrency >= 1 && concurrency <= MAX_CONCURRENCY) {
                return concurrency;
            }
        }
        catch (NumberFormatException ex) {
            // said below
        }
        throw new IllegalArgumentException("--concurrency must be a whole number from 1 to " + MAX_CONCURRENCY
                + ", not \"" + value + "\"");
    }

    private static boolean yesOrNo(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("--" + key + " must be true or false, not \"" + value + "\"");
        };
    }

    private static String pick(String key, Map<String, String> flags, Map<String, String> env, Properties file) {
        Option option = OPTIONS.stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
        if (flags.containsKey(key)) {
            return flags.get(key);
        }
        String fromEnv = env.get(option.env());
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return file.getProperty(key, option.defaultValue());
    }

    private static URI parseUrl(String value) {
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--server-url must be an http(s) URL, not \"" + value + "\"");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "runner";
        }
    }
}
