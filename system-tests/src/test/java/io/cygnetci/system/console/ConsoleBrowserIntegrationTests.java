package io.cygnetci.system.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.system.GatewayClient;
import io.cygnetci.system.SandboxTenant;
import io.cygnetci.system.SharedPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser (headless Chromium) against the whole platform, as its users work with it:
 * log in, switch customer, build and run a pipeline, promote a release with an approval, manage customers, and look
 * without being able to act. Each test leaves a screenshot in system-tests/target/console-screenshots.
 *
 * <p>Chromium and chromedriver come from Debian (apt-get install chromium chromium-driver; .ci/run installs them).
 * Without them the tests are skipped, unless CYGNETCI_BROWSER_TESTS=required (as in CI), where they fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class ConsoleBrowserIntegrationTests {

    private static final String DEMO_PASSWORD = "cygnetci-demo";
    private static final Duration RUN_PATIENCE = Duration.ofMinutes(3);

    private final GatewayClient gateway = new GatewayClient();

    @BeforeAll
    void chromium() {
        boolean required = "required".equals(System.getenv("CYGNETCI_BROWSER_TESTS"));
        if (required) {
            assertThat(Browser.available()).as("Chromium at %s and chromedriver at %s", Browser.CHROMIUM,
                    Browser.CHROMEDRIVER).isTrue();
        }
        assumeTrue(Browser.available(), "Chromium and chromedriver are not installed");
    }

    @Test
    void whenAUserLogsInThenTheDashboardShowsTheirDefaultCustomerAndActivityArrivesLive() {
        try (Browser browser = new Browser()) {
            browser.login("alice@acme-corp.example", DEMO_PASSWORD);

            assertThat(browser.heading()).isEqualTo("acme-corp dashboard");
            assertThat(browser.selectedCustomer()).startsWith("Acme Corporation");
            assertThat(browser.driver().findElement(By.id("user-email")).getText()).isEqualTo("alice@acme-corp.example");
            for (String card : List.of("agents", "pipelines", "releases", "services", "users", "executions")) {
                String value = browser.waitFor(By.cssSelector("[data-card=" + card + "] .value")).getText();
                assertThat(value).as(card).matches("\\d+");
            }
            browser.wait(Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector(".live")).getText()
                    .equals("live"));

            // something happens elsewhere: it shows up without a reload
            String name = "Console Live " + UUID.randomUUID().toString().substring(0, 8);
            gateway.call("POST", "/api/v1/pipelines", gateway.login("bob@acme-corp.example"), Map.of("name", name,
                    "steps", List.of(Map.of("name", "Say", "command", "echo live"))), 201);
            browser.wait(Duration.ofSeconds(60)).until(d -> d.findElement(By.id("activity")).getText()
                    .contains("Pipeline " + name + " created"));
            browser.screenshot("dashboard");

            // the token's end is announced, and the user is back at the login
            browser.script("const key = 'cygnetci.console.session';"
                    + "const s = JSON.parse(sessionStorage.getItem(key));"
                    + "s.expires_at = new Date(Date.now() + 1500).toISOString();"
                    + "sessionStorage.setItem(key, JSON.stringify(s)); location.reload();");
            browser.wait(Duration.ofSeconds(30)).until(d -> d.findElement(By.id("main")).getText()
                    .contains("Your session has expired. Log in again to continue."));
            assertThat(browser.script("return sessionStorage.getItem('cygnetci.console.session')")).isNull();
        }
    }

    @Test
    void whenAUserSwitchesCustomerThenEveryViewShowsTheOtherCustomersDataOnlyAndAViewerCannotAct() {
        String marker = "Acme Only " + UUID.randomUUID().toString().substring(0, 8);
        gateway.call("POST", "/api/v1/pipelines", gateway.login("alice@acme-corp.example"), Map.of("name", marker,
                "steps", List.of(Map.of("name", "Say", "command", "echo acme"))), 201);
        try (Browser browser = new Browser()) {
            browser.login("erin@consulting.example", DEMO_PASSWORD);
            assertThat(browser.customerChoices()).hasSize(3)
                    .anyMatch(c -> c.startsWith("Acme Corporation")).anyMatch(c -> c.startsWith("TechStart Inc"))
                    .anyMatch(c -> c.startsWith("GlobalCo"));
            browser.go("#/pipelines");
            browser.waitForText(marker, Duration.ofSeconds(30));
            assertThat(browser.buttonTexts()).contains("New pipeline");

            browser.chooseCustomer("TechStart Inc");
            browser.wait(Duration.ofSeconds(30)).until(d -> browser.selectedCustomer().startsWith("TechStart Inc")
                    && browser.heading().equals("Pipelines") && browser.mainText().contains("Build API Service"));
            assertThat(browser.mainText()).doesNotContain(marker);
            browser.screenshot("switched-customer-viewer");

            // Erin is a viewer in TechStart: every page shows its data and offers no action
            List<String> actions = List.of("New pipeline", "Edit", "Delete", "Run pipeline", "New registration token",
                    "Disable", "Enable", "Revoke", "New release", "New health check", "Add member", "Remove",
                    "Approve", "Reject", "Cancel", "Retry", "Cancel deployment");
            for (String page : List.of("#/dashboard", "#/agents", "#/pipelines", "#/releases", "#/services",
                    "#/members")) {
                browser.go(page);
                browser.wait(Duration.ofSeconds(30)).until(d -> !browser.mainText().contains("Loading"));
                assertThat(browser.buttonTexts()).as(page).doesNotContainAnyElementsOf(actions)
                        .noneMatch(text -> text.startsWith("Deploy to") || text.startsWith("Redeploy"));
                assertThat(browser.mainText()).as(page).doesNotContain(marker).doesNotContain("acme-corp");
                assertThat(browser.driver().findElements(By.cssSelector("main select[name=role]"))).isEmpty();
            }
            browser.go("#/dashboard");
            assertThat(browser.heading()).isEqualTo("techstart dashboard");
            browser.go("#/pipelines");
            browser.driver().findElement(By.linkText("Build API Service")).click();
            browser.wait(Duration.ofSeconds(30)).until(d -> browser.heading().equals("Build API Service"));
            assertThat(browser.buttonTexts()).doesNotContainAnyElementsOf(actions);
            assertThat(browser.driver().findElements(By.cssSelector("form[aria-label='Run pipeline']"))).isEmpty();
            JsonNode release = gateway.call("GET", "/api/v1/releases?limit=1", gateway.login("carol@techstart.example"),
                    null, 200).get("items").get(0);
            browser.go("#/releases/" + release.get("id").asString());
            browser.waitFor(By.cssSelector("section.stage"));
            assertThat(browser.buttonTexts()).doesNotContainAnyElementsOf(actions)
                    .noneMatch(text -> text.startsWith("Deploy to") || text.startsWith("Redeploy"));

            // and back: Acme's data again, and Erin may act there
            browser.chooseCustomer("Acme Corporation");
            browser.go("#/pipelines");
            browser.waitForText(marker, Duration.ofSeconds(30));
        }
    }

    @Test
    void whenAMemberCreatesAPipelineAndRunsItThenTheExecutionFinishesWithItsLogShown() {
        String name = "Console Build " + UUID.randomUUID().toString().substring(0, 8);
        String marker = "console-run-" + UUID.randomUUID();
        try (Browser browser = new Browser()) {
            browser.login("bob@acme-corp.example", DEMO_PASSWORD);
            browser.go("#/pipelines");
            browser.button("New pipeline").click();
            browser.wait(Duration.ofSeconds(30)).until(d -> browser.heading().equals("New pipeline"));

            // the service's problem is shown as it is, and nothing is created
            browser.button("Create pipeline").click();
            WebElement problem = browser.waitFor(By.cssSelector("main .alert.error"));
            assertThat(problem.getText()).contains("Bad Request").contains("name");

            browser.type("Name", name);
            browser.type("Description", "Made in the console");
            WebElement step = browser.driver().findElement(By.cssSelector("fieldset.step"));
            step.findElement(By.name("step_name")).clear();
            step.findElement(By.name("step_name")).sendKeys("Greet");
            step.findElement(By.name("step_command")).sendKeys("echo start; sleep 2; echo " + marker + "; echo done");
            browser.button("Add parameter").click();
            WebElement parameter = browser.driver().findElement(By.cssSelector("fieldset.parameter"));
            parameter.findElement(By.name("param_name")).sendKeys("GREETING");
            parameter.findElement(By.name("param_default")).sendKeys("hello");
            browser.button("Create pipeline").click();
            browser.wait(Duration.ofSeconds(30)).until(d -> browser.heading().equals(name));
            browser.waitForText("Not run yet", Duration.ofSeconds(30));

            browser.type("GREETING", "hi from the browser");
            browser.button("Run pipeline").click();
            browser.wait(Duration.ofSeconds(30)).until(d -> browser.heading().startsWith(name + " #"));
            browser.wait(RUN_PATIENCE).until(d -> d.findElement(By.cssSelector("main .page-header .badge")).getText()
                    .equalsIgnoreCase("succeeded"));
            browser.wait(Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector("pre.log")).getText()
                    .contains(marker));
            assertThat(browser.driver().findElement(By.cssSelector("pre.log")).getText())
                    .startsWith("start").contains("done");
            assertThat(browser.mainText()).contains("GREETING=hi from the browser").contains("exit 0");
            assertThat(browser.buttonTexts()).contains("Retry").doesNotContain("Cancel");
            browser.screenshot("execution");
        }
    }

    @Test
    void whenAReleaseIsPromotedToProductionThenAnotherMemberApprovesItInTheBrowser() {
        String alice = gateway.login("alice@acme-corp.example");
        String pipelineName = "Console Deploy " + UUID.randomUUID().toString().substring(0, 8);
        String pipeline = gateway.call("POST", "/api/v1/pipelines", alice, Map.of("name", pipelineName,
                "steps", List.of(Map.of("name", "Deploy", "command", "echo deploying to $CYGNETCI_ENVIRONMENT"))), 201)
                .get("id").asString();
        String version = "9." + System.currentTimeMillis() % 100000;
        String release;
        try (Browser browser = new Browser()) {
            browser.login("alice@acme-corp.example", DEMO_PASSWORD);
            browser.go("#/releases/new");
            browser.type("Name", "Console Release");
            browser.type("Version", version);
            browser.driver().findElement(By.cssSelector("input[name=pipeline][value='" + pipeline + "']")).click();
            // release-service learns of a new pipeline by event: until it has, the form shows its 404 and stays
            browser.wait(Duration.ofSeconds(60)).until(d -> {
                if (browser.heading().equals("Console Release " + version)) {
                    return true;
                }
                browser.button("Create release").click();
                browser.wait(Duration.ofSeconds(10)).until(x -> browser.heading().startsWith("Console Release")
                        || !x.findElements(By.cssSelector("main .alert.error")).isEmpty());
                return browser.heading().equals("Console Release " + version);
            });
            for (String environment : List.of("Dev", "QA", "Staging")) {
                browser.button("Deploy to " + environment).click();
                browser.wait(RUN_PATIENCE).until(d -> stage(d.findElement(By.id("main")), environment)
                        .findElement(By.cssSelector(".badge")).getText().equalsIgnoreCase("succeeded"));
            }
            browser.button("Deploy to Production").click();
            browser.wait(Duration.ofSeconds(30)).until(d -> stage(d.findElement(By.id("main")), "Production")
                    .findElement(By.cssSelector(".badge")).getText().equalsIgnoreCase("awaiting approval"));
            // the release's creator may not approve it: no buttons, and why
            browser.waitForText("You created this release: another member approves it.", Duration.ofSeconds(10));
            assertThat(browser.buttonTexts()).doesNotContain("Approve", "Reject");
            release = browser.driver().getCurrentUrl().replaceAll(".*#/releases/", "");
            browser.logout();

            browser.login("bob@acme-corp.example", DEMO_PASSWORD);
            browser.go("#/releases/" + release);
            WebElement production = browser.waitFor(By.cssSelector("section.panel[data-environment=Production]"));
            production.findElement(By.name("comment")).sendKeys("Looks good from the console");
            browser.button("Approve").click();
            browser.wait(RUN_PATIENCE).until(d -> stage(d.findElement(By.id("main")), "Production")
                    .findElement(By.cssSelector(".badge")).getText().equalsIgnoreCase("succeeded"));
            browser.waitForText("“Looks good from the console”", Duration.ofSeconds(10));
            assertThat(browser.driver().findElement(By.cssSelector("main .page-header .badge")).getText())
                    .isEqualToIgnoringCase("completed");
            browser.screenshot("release-promoted");
        }
        JsonNode deployments = gateway.call("GET", "/api/v1/deployments?status=succeeded&release_id=" + release,
                alice, null, 200);
        assertThat(deployments.get("items").valueStream().map(d -> d.get("environment_name").asString()))
                .containsExactlyInAnyOrder("Dev", "QA", "Staging", "Production");
    }

    @Test
    void whenAPlatformAdminCreatesAndDeactivatesACustomerThenItsUsersAreRefused() {
        String slug = "console-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = new Browser()) {
            browser.login(SandboxTenant.PLATFORM_ADMIN, SandboxTenant.PLATFORM_ADMIN_PASSWORD);
            assertThat(browser.heading()).isEqualTo("Customers");
            browser.button("New customer").click();
            browser.type("Slug", slug);
            browser.type("Display name", "Console Customer");
            browser.type("Contact email", "ops@" + slug + ".example");
            browser.type("Users", "5");
            browser.button("Create customer").click();
            browser.wait(Duration.ofSeconds(30)).until(d -> browser.heading().equals("Console Customer"));
            String tenant = browser.driver().getCurrentUrl().replaceAll(".*#/customers/", "");

            // a user of the new customer, made through the API, can log in until it is deactivated
            String admin = gateway.login(SandboxTenant.PLATFORM_ADMIN, SandboxTenant.PLATFORM_ADMIN_PASSWORD);
            String email = "owner@" + slug + ".example";
            String user = gateway.call("POST", "/api/v1/users", admin, Map.of("email", email,
                    "password", "console-password-1"), 201).get("id").asString();
            gateway.call("POST", "/api/v1/tenants/" + tenant + "/members", admin, Map.of("user_id", user,
                    "role", "tenant_admin"), 201);
            gateway.login(email, "console-password-1");

            browser.button("Deactivate").click();
            browser.driver().switchTo().alert().accept();
            browser.wait(Duration.ofSeconds(30)).until(d -> browser.buttonTexts().contains("Activate"));
            assertThat(browser.driver().findElement(By.cssSelector("main .page-header .badge")).getText())
                    .isEqualToIgnoringCase("inactive");
            browser.screenshot("customer-deactivated");
            JsonNode refused = gateway.call("POST", "/api/v1/auth/token", null, Map.of("email", email,
                    "password", "console-password-1"), 403);
            assertThat(refused.get("detail").asString()).contains("deactivated");

            browser.go("#/customers");
            browser.type("Name or slug", slug);
            browser.button("Filter").click();
            browser.wait(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("tr[data-slug='" + slug + "']"))
                    .size() == 1 && browser.mainText().contains("Inactive"));
        }
    }

    @Test
    void whenTheConsoleIsOpenedAtPhoneWidthThenTheMenuFoldsAndTheDashboardStillReads() {
        try (Browser browser = new Browser(390, 844)) {
            browser.login("alice@acme-corp.example", DEMO_PASSWORD);
            WebElement menu = browser.driver().findElement(By.id("nav-toggle"));
            assertThat(menu.isDisplayed()).isTrue();
            assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
            browser.waitFor(By.cssSelector("[data-card=agents] .value"));
            Long overflow = (Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow).as("horizontal overflow of the page").isLessThanOrEqualTo(0L);
            browser.screenshot("dashboard-phone");
            menu.click();
            browser.driver().findElement(By.linkText("Pipelines")).click();
            browser.wait(Duration.ofSeconds(30)).until(d -> browser.heading().equals("Pipelines"));
            assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
        }
    }

    @Test
    void whenATenantAdminWorksThroughAgentsServicesMembersAndUsageThenEachPageActsOnTheApi() {
        String check = "Console Check " + UUID.randomUUID().toString().substring(0, 8);
        String newcomer = "newcomer-" + UUID.randomUUID().toString().substring(0, 8) + "@acme-corp.example";
        try (Browser browser = new Browser()) {
            browser.login("alice@acme-corp.example", DEMO_PASSWORD);

            // a registration token's secret is shown once, and it registers a runner
            browser.go("#/agents");
            browser.waitForText("acme-corp-demo-runner", Duration.ofSeconds(30));
            browser.button("New registration token").click();
            browser.type("Description", "From the console");
            browser.button("Create token").click();
            String secret = browser.waitFor(By.id("registration-secret")).getText();
            assertThat(secret).startsWith("cygreg_");
            gateway.callWithAuthorization("POST", "/api/v1/agents/register", "Token " + secret, Map.of(
                    "uuid", UUID.randomUUID().toString(), "name", "console-registered", "hostname", "console-host",
                    "os", "linux", "arch", "amd64", "version", "1.0.0"), java.util.Set.of(201));

            // a health check made here runs, and its history is drawn
            browser.go("#/services");
            browser.button("New health check").click();
            browser.type("Name", check);
            browser.type("URL", "http://localhost:8081/actuator/health/liveness");
            browser.type("Interval (seconds)", "10");
            browser.button("Create health check").click();
            browser.wait(Duration.ofSeconds(30)).until(d -> browser.heading().equals(check));
            browser.wait(Duration.ofSeconds(90)).until(d -> {
                d.navigate().refresh();
                browser.waitFor(By.cssSelector("main .page-header h1"));
                return !d.findElements(By.cssSelector("svg.chart polyline")).isEmpty();
            });
            assertThat(browser.driver().findElement(By.cssSelector("main .page-header .badge")).getText())
                    .isIn("Healthy", "Warning");

            // a new user is created and added; a role change and a removal follow
            browser.go("#/members");
            String before = browser.waitFor(By.id("capacity")).getText();
            browser.button("Add member").click();
            browser.type("Email", newcomer);
            browser.driver().findElement(By.cssSelector("form[aria-label='Add member'] summary")).click();
            browser.type("Initial password", "console-password-2");
            browser.driver().findElement(By.cssSelector("form[aria-label='Add member'] button[type=submit]")).click();
            browser.waitForText(newcomer, Duration.ofSeconds(30));
            assertThat(browser.waitFor(By.id("capacity")).getText()).isNotEqualTo(before);
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(
                    By.cssSelector("select[aria-label='Role of " + newcomer + "']"))).selectByVisibleText("Viewer");
            String alice = gateway.login("alice@acme-corp.example");
            String acme = gateway.call("GET", "/api/v1/tenants/current", alice, null, 200).get("id").asString();
            browser.wait(Duration.ofSeconds(30)).until(d -> gateway.call("GET", "/api/v1/tenants/" + acme
                    + "/members?q=" + newcomer, alice, null, 200).get("items").get(0).get("role").asString()
                    .equals("viewer"));
            assertThat(gateway.login(newcomer, "console-password-2")).isNotBlank();
            browser.screenshot("members");
            WebElement row = browser.driver().findElement(By.xpath("//tr[contains(., '" + newcomer + "')]"));
            row.findElement(By.xpath(".//button[normalize-space()='Remove']")).click();
            browser.driver().switchTo().alert().accept();
            browser.wait(Duration.ofSeconds(30)).until(d -> !browser.mainText().contains(newcomer));

            // usage: the meters billing receives, for a chosen period
            browser.go("#/usage");
            browser.wait(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("tr[data-meter]")).isEmpty()
                    || browser.mainText().contains("No usage in this period."));
            new org.openqa.selenium.support.ui.Select(browser.field("Period")).selectByVisibleText("Last 7 days");
            browser.wait(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("tr[data-meter]")).isEmpty()
                    || browser.mainText().contains("No usage in this period."));
            assertThat(browser.driver().findElements(By.cssSelector("main .alert.error"))).isEmpty();
            browser.screenshot("usage");
        }
    }

    private static WebElement stage(WebElement main, String environment) {
        return main.findElement(By.cssSelector("section.stage[data-environment='" + environment + "']"));
    }
}
