package io.cygnetci.system.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.cygnetci.system.LocalPlatform;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its chromedriver: one fresh browser (own profile, empty session
 * storage) per use. Helpers find things the way a user does: by label, by button text, by heading.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("cygnetci.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("cygnetci.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = LocalPlatform.projectRoot().resolve("system-tests/target/console-screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    Browser(int width, int height) {
        try {
            profile = Files.createTempDirectory("cygnetci-chromium");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // background networking would try to reach Google's hosts, which this machine cannot
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    Browser() {
        this(1280, 900);
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String hash) {
        driver.get(LocalPlatform.GATEWAY + "/" + hash);
    }

    void login(String email, String password) {
        open("");
        WebElement form = waitFor(By.cssSelector("section.login form"));
        form.findElement(By.name("email")).sendKeys(email);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("main .page-header h1")).isEmpty()
                && d.findElement(By.id("top")).isDisplayed());
    }

    void logout() {
        driver.findElement(By.id("logout")).click();
        waitFor(By.cssSelector("section.login"));
    }

    void go(String hash) {
        driver.navigate().to(LocalPlatform.GATEWAY + "/" + hash);
        waitFor(By.cssSelector("main .page-header h1"));
    }

    String heading() {
        return waitFor(By.cssSelector("main .page-header h1")).getText();
    }

    /** Waits until the main area shows the text. */
    void waitForText(String text, Duration patience) {
        wait(patience).until(d -> d.findElement(By.id("main")).getText().contains(text));
    }

    WebElement waitFor(By locator) {
        return wait(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    WebDriverWait wait(Duration patience) {
        WebDriverWait wait = new WebDriverWait(driver, patience, Duration.ofMillis(200));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** The visible button or button-looking link in the main area with exactly this text. */
    WebElement button(String text) {
        return wait(Duration.ofSeconds(30)).until(d -> buttons().stream()
                .filter(b -> b.getText().trim().equals(text)).findFirst().orElse(null));
    }

    List<WebElement> buttons() {
        return driver.findElements(By.cssSelector("main button, main a.button")).stream()
                .filter(WebElement::isDisplayed).toList();
    }

    List<String> buttonTexts() {
        return buttons().stream().map(b -> b.getText().trim()).toList();
    }

    void type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
    }

    /** The form control of the visible label with this text. */
    WebElement field(String label) {
        WebElement labelElement = wait(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("main label"))
                .stream().filter(l -> l.isDisplayed() && l.getText().trim().equals(label)).findFirst().orElse(null));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    void chooseCustomer(String displayName) {
        Select select = new Select(driver.findElement(By.id("customer-select")));
        String option = select.getOptions().stream().map(WebElement::getText)
                .filter(text -> text.startsWith(displayName)).findFirst().orElseThrow();
        select.selectByVisibleText(option);
    }

    String selectedCustomer() {
        return new Select(driver.findElement(By.id("customer-select"))).getFirstSelectedOption().getText();
    }

    List<String> customerChoices() {
        return new Select(driver.findElement(By.id("customer-select"))).getOptions().stream()
                .map(WebElement::getText).toList();
    }

    String mainText() {
        return driver.findElement(By.id("main")).getText();
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as target/console-screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            return Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
