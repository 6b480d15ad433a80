package io.cygnetci.runner.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityStoreTests {

    @Test
    void whenNothingIsStoredThenANewUnregisteredIdentityIsMade(@TempDir Path dir) throws Exception {
        AgentIdentity identity = new IdentityStore(dir).load();
        assertThat(identity.uuid()).isNotNull();
        assertThat(identity.registered()).isFalse();
    }

    @Test
    void whenACredentialIsSavedThenOnlyTheOwnerCanReadItAndItSurvivesARestart(@TempDir Path dir) throws Exception {
        IdentityStore store = new IdentityStore(dir.resolve("work"));
        AgentIdentity identity = store.load().withCredential(UUID.randomUUID(), "eyJ.secret.credential");

        store.save(identity);

        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(new IdentityStore(dir.resolve("work")).load()).isEqualTo(identity);
        assertThat(Files.list(dir.resolve("work"))).containsExactly(store.file());
    }

    @Test
    void whenTheCredentialIsDroppedThenTheUuidIsKept(@TempDir Path dir) throws Exception {
        IdentityStore store = new IdentityStore(dir);
        AgentIdentity registered = store.load().withCredential(UUID.randomUUID(), "old");
        store.save(registered.withoutCredential());

        AgentIdentity reloaded = store.load();

        assertThat(reloaded.uuid()).isEqualTo(registered.uuid());
        assertThat(reloaded.registered()).isFalse();
    }
}
