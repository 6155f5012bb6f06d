package dev.minerfleet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless browser for the live view's tests: Debian's {@code chromium} driven by its {@code chromium-driver}
 * through Selenium. Both binaries are given by path, so Selenium Manager never runs and nothing is downloaded; the
 * browser runs with a fresh profile and without any of its background network traffic.
 * <p>
 * Without the binaries the test is skipped with a notice saying what to install, except where
 * {@value TestBroker#FORBID_EMBEDDED_VARIABLE} is set (CI, which must test what it can test for real): there it
 * fails with the same message, as the test broker does when only the embedded broker is left.
 */
public final class HeadlessChromium implements AutoCloseable {

	static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

	static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"),
			Path.of("/usr/lib/chromium/chromedriver"));

	static final String MISSING = "The live view's browser tests need Chromium and its WebDriver: install them"
			+ " (Debian/Ubuntu: sudo apt-get install chromium chromium-driver); .ci/run installs them when missing";

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Starts a browser with a window of {@code width} by {@code height} pixels, or skips (fails in CI) the calling
	 * test when Chromium is not installed.
	 */
	public static HeadlessChromium start(int width, int height) {
		Optional<Path> browser = BROWSERS.stream().filter(Files::isExecutable).findFirst();
		Optional<Path> driverBinary = DRIVERS.stream().filter(Files::isExecutable).findFirst();
		requireInstalled(browser.isPresent() && driverBinary.isPresent(), System::getenv);
		Path profile;
		try {
			profile = Files.createTempDirectory("minerfleet-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.get().toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.get().toFile())
			.usingAnyFreePort()
			.build();
		return new HeadlessChromium(new ChromeDriver(service, options), profile);
	}

	/** Skips the test where Chromium is missing, or fails it where the environment forbids skipping. */
	static void requireInstalled(boolean installed, UnaryOperator<@Nullable String> environment) {
		if (installed) {
			return;
		}
		String forbid = environment.apply(TestBroker.FORBID_EMBEDDED_VARIABLE);
		if (forbid != null && !forbid.isBlank()) {
			throw new IllegalStateException(MISSING + " (" + TestBroker.FORBID_EMBEDDED_VARIABLE
					+ " is set, so this test may not be skipped)");
		}
		Assumptions.abort(MISSING);
	}

	public ChromeDriver driver() {
		return driver;
	}

	public void open(String url) {
		driver.get(url);
	}

	/** Runs {@code script} in the page and answers what it returns. */
	public @Nullable Object script(String script, Object... arguments) {
		return driver.executeScript(script, arguments);
	}

	public boolean check(String script, Object... arguments) {
		return Boolean.TRUE.equals(script(script, arguments));
	}

	/** Saves a PNG of the window to {@code file}, making its directory. */
	public Path screenshot(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		finally {
			try (var files = Files.walk(profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary profile left behind is harmless
			}
		}
	}

}
