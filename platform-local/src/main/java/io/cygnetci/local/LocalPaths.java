package io.cygnetci.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project is and where local state lives: {@code .cygnetci/} in the project (git-ignored), or the
 * directory named by the {@code cygnetci.state} system property (the system tests use a fresh one).
 */
record LocalPaths(Path root, Path state) {

    static LocalPaths detect() {
        String configured = System.getProperty("cygnetci.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("platform-local")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                String state = System.getProperty("cygnetci.state");
                return new LocalPaths(dir, state != null ? Path.of(state) : dir.resolve(".cygnetci"));
            }
        }
        throw new IllegalStateException("Run platform-local from the CygnetCI project (no platform-local/ above "
                + start + ")");
    }

    Path postgresData() {
        return directory(state.resolve("postgres"));
    }

    Path logs() {
        return directory(state.resolve("logs"));
    }

    Path keys() {
        return directory(state.resolve("keys"));
    }

    /** A demo runner's work directory (its identity, credential and configuration). */
    Path runnerWorkDir(String name) {
        return directory(state.resolve("runners").resolve(name));
    }

    Path serviceJar(String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -Plocal package does)");
        }
        return jar;
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
