package io.cygnetci.agent.agent.domain;

import java.util.List;
import java.util.UUID;

/** What an agent says about itself when it registers. */
public record Registration(UUID uuid, String name, String hostname, String os, String arch, String location,
        List<String> labels, String version) {

    /** Labels are {@code key} or {@code key=value} words, as runners' tags usually are, e.g. {@code region=eu}. */
    public static final String LABEL_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:/=-]{0,62}$";
}
