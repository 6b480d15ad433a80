package io.cygnetci.runner.json;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTests {

    @Test
    void whenAnAnswerIsParsedThenObjectsArraysStringsNumbersAndLiteralsComeBack() {
        Map<String, Object> parsed = Json.parseObject("""
                { "agent_id": "a-1", "n": 30, "x": -1.5e2, "ok": true, "no": false, "none": null,
                  "actions": ["stop", "pause"], "nested": {"q": "\\"quoted\\" \\u00e9\\n"} }""");

        assertThat(parsed.get("agent_id")).isEqualTo("a-1");
        assertThat(parsed.get("n")).isEqualTo(30L);
        assertThat(parsed.get("x")).isEqualTo(-150.0);
        assertThat(parsed.get("ok")).isEqualTo(true);
        assertThat(parsed.get("no")).isEqualTo(false);
        assertThat(parsed).containsKey("none");
        assertThat(parsed.get("none")).isNull();
        assertThat(parsed.get("actions")).isEqualTo(List.of("stop", "pause"));
        assertThat(((Map<?, ?>) parsed.get("nested")).get("q")).isEqualTo("\"quoted\" é\n");
    }

    @Test
    void whenAValueIsWrittenThenItParsesBackAndNullMembersAreLeftOut() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "tab\there \"and\" back\\slash");
        value.put("labels", Arrays.asList("a", "b"));
        value.put("cpu", 12.5f);
        value.put("jobs", 0);
        value.put("missing", null);

        String json = Json.write(value);

        assertThat(json).doesNotContain("missing");
        Map<String, Object> back = Json.parseObject(json);
        assertThat(back.get("name")).isEqualTo(value.get("name"));
        assertThat(back.get("labels")).isEqualTo(List.of("a", "b"));
        assertThat(back.get("cpu")).isEqualTo(12.5);
        assertThat(back.get("jobs")).isEqualTo(0L);
    }

    @Test
    void whenTheTextIsNotJsonThenItSaysWhere() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid JSON at");
        assertThatThrownBy(() -> Json.parse("[1, 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.parseObject("[]")).hasMessageContaining("object");
    }
}
