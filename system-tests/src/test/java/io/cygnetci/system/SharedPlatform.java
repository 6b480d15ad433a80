package io.cygnetci.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the local platform once for every system test class (it takes minutes), in a temporary directory; JUnit
 * closes it when the whole run ends, because it lives in the root context's store. With
 * {@code -Dcygnetci.system-tests.running-platform=true} the tests use the platform already running instead.
 */
public final class SharedPlatform implements BeforeAllCallback {

    private static volatile LocalPlatform platform;

    @Override
    public void beforeAll(ExtensionContext context) {
        platform = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalPlatform.class, key -> start(), LocalPlatform.class);
    }

    public static LocalPlatform platform() {
        return platform;
    }

    private static LocalPlatform start() {
        if (Boolean.getBoolean("cygnetci.system-tests.running-platform")) {
            return LocalPlatform.running();
        }
        try {
            return LocalPlatform.start(Files.createTempDirectory("cygnetci-system-tests"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
