package io.cygnetci.runner.state;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the runner's identity in {@code <work-dir>/agent.properties}, readable by its owner only (600): the
 * credential in it acts as the agent. Written atomically, so a crash never leaves half a file.
 */
public final class IdentityStore {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public IdentityStore(Path workDir) {
        this.file = workDir.resolve("agent.properties");
    }

    public Path file() {
        return file;
    }

    /** The stored identity, or a new one (a fresh uuid, not registered yet). */
    public AgentIdentity load() throws IOException {
        if (!Files.exists(file)) {
            return new AgentIdentity(UUID.randomUUID(), null, null);
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        }
        String agentId = p.getProperty("agent-id");
        return new AgentIdentity(UUID.fromString(p.getProperty("uuid")),
                agentId == null ? null : UUID.fromString(agentId), p.getProperty("credential"));
    }

    public void save(AgentIdentity identity) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("agent.properties.tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Properties p = new Properties();
        p.setProperty("uuid", identity.uuid().toString());
        if (identity.registered()) {
            p.setProperty("agent-id", identity.agentId().toString());
            p.setProperty("credential", identity.credential());
        }
        try (Writer writer = Files.newBufferedWriter(temp)) {
            p.store(writer, "CygnetCI runner identity: the credential acts as this agent, keep it private");
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException ex) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
}
