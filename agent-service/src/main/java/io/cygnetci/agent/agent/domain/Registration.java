package io.cygnetci.agent.agent.domain;

import java.util.List;
import java.util.UUID;

/** What an agent says about itself when it registers. */
public record Registration(UUID uuid, String name, String hostname, String os, String arch, String location,
        List<String> labels, String version) {
}
