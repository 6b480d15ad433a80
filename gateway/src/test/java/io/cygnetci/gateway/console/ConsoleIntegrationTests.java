package io.cygnetci.gateway.console;

import io.cygnetci.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The web console's files, served by the gateway itself: no token, no rate limit, a strict content policy. */
class ConsoleIntegrationTests extends GatewayIntegrationTest {

    @Test
    void whenTheConsoleIsOpenedThenItsPageIsServedWithoutATokenUnderAStrictPolicy() {
        String page = client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Content-Security-Policy", ConsoleHeadersFilter.POLICY)
                .expectHeader().valueEquals("Cache-Control", "no-cache")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<title>CygnetCI</title>").contains("src=\"/console/app.js\"")
                .doesNotContain("<script>");
    }

    @Test
    void whenTheConsoleLoadsItsModulesThenEachIsJavaScriptAndEveryImportedOneExists() {
        for (String module : new String[] {"app.js", "api.js", "session.js", "ui.js", "paged.js", "views/dashboard.js",
                "views/agents.js", "views/pipelines.js", "views/executions.js", "views/releases.js", "views/services.js",
                "views/members.js", "views/usage.js", "views/customers.js"}) {
            String source = client.get().uri("/console/" + module).exchange()
                    .expectStatus().isOk()
                    .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"))
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(source).doesNotContain("innerHTML").doesNotContain("eval(");
        }
        client.get().uri("/console/app.css").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css");
    }

    @Test
    void whenTheConsoleIsLoadedOverAndOverThenItIsNeverRateLimitedButTheApiStillIs() {
        for (int i = 0; i < 150; i++) {
            client.get().uri("/console/app.css").exchange().expectStatus().isOk()
                    .expectHeader().doesNotExist("X-RateLimit-Limit");
        }
        client.get().uri("/.well-known/jwks.json").exchange()
                .expectHeader().valueEquals("X-RateLimit-Limit", "120");
    }

    @Test
    void whenAConsoleFileDoesNotExistThenNotFoundAndNothingElseIsServed() {
        client.get().uri("/console/nothing-here.js").exchange().expectStatus().isNotFound();
        client.get().uri("/console/../application.yml").exchange().expectStatus().value(status ->
                assertThat(status).isIn(400, 404));
    }
}
