package io.cygnetci.runner.job;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Set;


/** Where a job's steps run: {@code <work-dir>/work/<tenant_slug>/<execution_id>/}, shared by its steps. */
final class Workspaces {

    private Workspaces() {
    }

    static Path of(Path workDir, Job job) {
        String tenant = job.tenantSlug() == null || job.tenantSlug().isBlank() ? "_"
                : job.tenantSlug().replaceAll("[^A-Za-z0-9_-]", "_");
        return workDir.resolve("work").resolve(tenant).resolve(job.executionId().toString());
    }

    /**
     * Deletes the workspace and everything in it, including directories a build left read-only (Go's module
     * cache does). Symbolic links are deleted, not followed.
     */
    static void delete(Path workspace) throws IOException {
        if (!Files.exists(workspace)) {
            return;
        }
        Files.walkFileTree(workspace, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                makeWritable(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
                if (ex instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw ex;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
                if (ex != null) {
                    throw ex;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A file system error in a few words: {@code /w/x: permission denied}. */
    static String describe(IOException ex) {
        if (ex instanceof FileSystemException fs) {
            String why = fs.getReason() != null ? fs.getReason()
                    : ex instanceof AccessDeniedException ? "permission denied"
                    : ex instanceof NoSuchFileException ? "no such file or directory"
                    : ex instanceof DirectoryNotEmptyException ? "directory not empty"
                    : ex instanceof FileAlreadyExistsException ? "a file is in the way"
                    : "cannot be changed";
            return fs.getFile() + ": " + why;
        }
        return ex.getMessage() == null ? "input/output error" : ex.getMessage();
    }

    private static void makeWritable(Path dir) {
        try {
            Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(dir));
            if (permissions.addAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE))) {
                Files.setPosixFilePermissions(dir, permissions);
            }
        }
        catch (IOException | UnsupportedOperationException ex) {
            // not ours to change, or not a POSIX file system: deleting will say what is wrong
        }
    }
}
