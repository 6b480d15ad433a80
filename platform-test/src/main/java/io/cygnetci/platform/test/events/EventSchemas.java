package io.cygnetci.platform.test.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Validates event payloads against the JSON Schemas in the repository's {@code docs/events/} (the contract other
 * services and billing consumers read). An event type {@code io.cygnetci.tenant.created.v1} has the schema
 * {@code docs/events/io.cygnetci.tenant.created.v1.schema.json}.
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventSchemas() {
    }

    /** The problems of {@code payload} against the schema of {@code eventType}; empty when it conforms. */
    public static List<String> validate(String eventType, byte[] payload) {
        Path file = schemaFile(eventType);
        try {
            Schema schema = REGISTRY.getSchema(Files.readString(file));
            JsonNode data = JSON.readTree(payload);
            List<Error> errors = schema.validate(data);
            return errors.stream().map(Error::toString).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static Path schemaFile(String eventType) {
        Path dir = eventsDirectory();
        Path file = dir.resolve(eventType + ".schema.json");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("No JSON Schema for event type " + eventType + " at " + file);
        }
        return file;
    }

    public static Path eventsDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/events");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/events not found above " + Path.of("").toAbsolutePath());
    }
}
