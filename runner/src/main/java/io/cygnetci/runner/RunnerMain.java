package io.cygnetci.runner;

import java.time.Clock;
import java.time.Duration;

import io.cygnetci.runner.api.AgentApiClient;
import io.cygnetci.runner.api.JobApiClient;
import io.cygnetci.runner.config.OptionsParser;
import io.cygnetci.runner.config.RunnerOptions;

/** {@code java -jar runner.jar --help} */
public final class RunnerMain {

    private RunnerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (OptionsParser.wantsHelp(args)) {
            System.out.print(OptionsParser.help());
            return 0;
        }
        Console console = new Console(System.out, Clock.systemUTC());
        RunnerOptions options;
        try {
            options = OptionsParser.parse(args, System.getenv());
        }
        catch (IllegalArgumentException ex) {
            console.say(ex.getMessage());
            return 64;
        }
        String version = version();
        console.say("CygnetCI runner " + version + ", work directory " + options.workDir());
        Runner runner = new Runner(options, new AgentApiClient(options.serverUrl(), version),
                new JobApiClient(options.serverUrl(), version), new WorkTracker(), console, version);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.requestStop("SIGTERM");
            try {
                // the JVM exits when this hook returns: wait for the running work, however long it takes
                while (!runner.awaitFinished(Duration.ofSeconds(1))) {
                    if (!main.isAlive()) {
                        break;
                    }
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "runner-shutdown"));
        return runner.run().code;
    }

    private static String version() {
        String version = RunnerMain.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
