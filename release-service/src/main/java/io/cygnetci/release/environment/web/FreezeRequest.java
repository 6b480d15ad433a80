package io.cygnetci.release.environment.web;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A freeze window: {@code from} null means now. */
record FreezeRequest(Instant from, @NotNull Instant until, @NotBlank @Size(max = 500) String reason) {
}
