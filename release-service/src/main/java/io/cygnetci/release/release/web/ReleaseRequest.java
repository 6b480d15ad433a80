package io.cygnetci.release.release.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.InvalidField;
import io.cygnetci.release.release.domain.Release;
import io.cygnetci.release.release.domain.ReleaseDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A release as a user creates it: what it is, which pipelines deploy it, what it ships. */
record ReleaseRequest(@NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = VERSION, message = "must be a version such as 2.0.1 or v2.0-rc.1") String version,
        @Size(max = 10_000) String notes, @NotNull @Size(min = 1, max = 20) List<@NotNull UUID> pipelineIds,
        @Size(max = 50) List<@NotNull @Valid Artifact> artifacts) {

    static final String VERSION = "^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$";

    record Artifact(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 2000) String uri,
            @NotNull @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "must be 64 hexadecimal digits") String sha256) {
    }

    ReleaseDefinition toDefinition() {
        List<Release.Artifact> list = artifacts == null ? List.of() : artifacts.stream()
                .map(a -> new Release.Artifact(a.name().trim(), a.uri().trim(), a.sha256().toLowerCase())).toList();
        for (int i = 0; i < list.size(); i++) {
            if (!absolute(list.get(i).uri())) {
                throw new BadRequestException("The release is not valid.", List.of(new InvalidField(
                        "artifacts[" + i + "].uri", "must be an absolute URI such as https://... or s3://...")));
            }
        }
        return new ReleaseDefinition(name.trim(), version, notes == null || notes.isBlank() ? null : notes,
                pipelineIds, list);
    }

    private static boolean absolute(String uri) {
        try {
            return URI.create(uri).isAbsolute();
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
