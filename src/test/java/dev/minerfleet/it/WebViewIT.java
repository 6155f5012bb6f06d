package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minerfleet.chain.ChainListener;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.fleet.FleetOptions;
import dev.minerfleet.fleet.LocalFleet;
import dev.minerfleet.testsupport.HeadlessChromium;
import dev.minerfleet.testsupport.RawMqttClient;
import dev.minerfleet.testsupport.TestBroker;

/**
 * The live view in a real headless Chromium, against real miners on a real broker: a miner's own page, and the local
 * fleet's page driving a partition and its healing. Screenshots of the fork and of the healed chain are left in
 * {@code target/live-view/} (the README's come from there).
 */
class WebViewIT {

	private static final Logger log = LoggerFactory.getLogger(WebViewIT.class);

	private static final Path SCREENSHOTS = Path.of("target", "live-view");

	/** Blocks drawn on the page and the miners whose active chain holds each, as the page marks them. */
	private static final String ACTIVE_FOR = """
			return [...document.querySelectorAll('#tree g.block:not(.orphan)')]
			  .filter((b) => b.dataset.active.split(' ').includes(arguments[0])
			    && !b.dataset.active.split(' ').includes(arguments[1])).length;""";

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aMinersPageShowsItsTreeAndEachNewBlockWithinASecondOfItsArrival() throws Exception {
		String prefix = broker.uniqueTopicPrefix();
		String[] settings = { "--chain.difficulty-bits=17", "--mining.max-hash-rate=100000",
				"--generator.interval=400ms" };
		try (Miner left = Miner.start("left", broker.url(), prefix, settings);
				Miner right = Miner.start("right", broker.url(), prefix, settings);
				RawMqttClient probe = RawMqttClient.connect(broker.url());
				HeadlessChromium browser = HeadlessChromium.start(1400, 900)) {
			left.awaitListening(probe, prefix);
			right.awaitListening(probe, prefix);
			Map<String, Long> storedAt = new ConcurrentHashMap<>();
			left.chain().chain().addListener(new ChainListener() {
				@Override
				public void blockAccepted(StoredBlock block) {
					storedAt.put(block.hash().hex(), System.currentTimeMillis());
				}
			});

			browser.open(left.baseUrl() + "/");

			assertThat(browser.driver().getCurrentUrl()).endsWith("/view/index.html");
			await().atMost(Duration.ofSeconds(60))
				.until(() -> browser.check("return document.querySelectorAll('#tree g.block').length >= 3"
						+ " && document.querySelector('#miners tr[data-miner=\"left\"] .mempool').textContent !== ''"));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> browser.check("return document.querySelector('#tree g.block[data-miner=\"right\"]') !== null"
						+ " && document.querySelector('#tree g.block[data-miner=\"left\"]') !== null"));

			// the next blocks this miner stores, each on the page within a second of being stored
			List<Long> lags = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				int known = storedAt.size();
				await().atMost(Duration.ofSeconds(60)).until(() -> storedAt.size() > known);
				String hash = storedAt.entrySet()
					.stream()
					.max(Map.Entry.comparingByValue())
					.orElseThrow()
					.getKey();
				String selector = "#tree g.block[data-hash=\"" + hash + "\"]";
				await().atMost(Duration.ofSeconds(30))
					.until(() -> browser.check("return document.querySelector(arguments[0]) !== null", selector));
				long seenAt = ((Number) browser.script("return +document.querySelector(arguments[0]).dataset.seenAt",
						selector)).longValue();
				lags.add(seenAt - storedAt.get(hash));
			}
			log.info("From stored by the miner to drawn on its page: {} ms", lags);
			assertThat(lags).allSatisfy(lag -> assertThat(lag).isLessThanOrEqualTo(1000));

			// a block found by the other miner: its details say who found it and when it came from whom
			// the tree is redrawn as blocks arrive: an element found just before a redraw is stale, so find it again
			await().atMost(Duration.ofSeconds(10)).ignoreException(StaleElementReferenceException.class).untilAsserted(
					() -> browser.driver().findElement(By.cssSelector("#tree g.block[data-miner=\"right\"] rect.body")).click());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> browser.check("return document.querySelector('#details .arrivals tr[data-miner=\"left\"]')"
						+ " !== null"));
			String details = browser.driver().findElement(By.id("details")).getText();
			assertThat(details).contains("found by", "right", "merkle root").containsIgnoringCase("received");
			assertThat(browser.driver().findElement(By.cssSelector("#details .arrivals tr[data-miner=\"left\"]")).getText())
				.as("left heard it from right (or fetched it from right by sync)")
				.containsPattern("right\\s+(newblock|sync)");

			// a transaction's lifecycle, searched by id
			Transaction confirmed = await().atMost(Duration.ofSeconds(60))
				.until(() -> someConfirmedTransaction(left), tx -> tx != null);
			browser.driver().findElement(By.id("search-id")).sendKeys(confirmed.id().hex());
			browser.driver().findElement(By.cssSelector("#search button")).click();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> browser.driver().findElement(By.id("details")).getText().contains("generated by"));
			assertThat(browser.script("return document.querySelector('#details dl.lifecycle').textContent"))
				.asString()
				.contains("generated by" + confirmed.origin());
			assertThat(browser.driver().findElement(By.cssSelector("#details dd.status-confirmed")).getText())
				.containsPattern("at #\\d+ in [0-9a-f]{12} on left \\(\\d+ conf\\.\\)");
			assertThat(browser.driver().findElement(By.cssSelector("#details dd.returned")).getText()).isEqualTo("—");
		}
	}

	@Test
	void theFleetsPageSplitsTheFleetShowsTheForkAndShowsOneChainOnceHealed() throws Exception {
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		FleetOptions options = FleetOptions.parse(List.of("--miners=3", "--first-port=" + freePorts(3),
				"--view-port=" + freePorts(1), "--mqtt.url=" + broker.url(),
				"--mqtt.topic-prefix=" + broker.uniqueTopicPrefix(), "--chain.difficulty-bits=18",
				"--chain.retarget-interval=0", "--mining.max-hash-rate=150000", "--generator.interval=500ms"), Map.of());
		try (LocalFleet fleet = LocalFleet.start(options, new PrintStream(console, true, StandardCharsets.UTF_8));
				HeadlessChromium browser = HeadlessChromium.start(1400, 900)) {
			String view = fleet.viewUrl().orElseThrow();
			browser.open(view);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> browser.check("return document.querySelectorAll('#miners tbody tr').length === 3"
						+ " && [...document.querySelectorAll('#tree g.block')].some((b) =>"
						+ " b.dataset.active.split(' ').length === 3 && +b.dataset.height >= 3)"));

			// cut miner-1 off from the others, from the page's own controls
			browser.driver().findElement(By.id("net-partitions")).clear();
			browser.driver().findElement(By.id("net-partitions")).sendKeys("miner-1;miner-2,miner-3");
			browser.driver().findElement(By.id("net-apply")).click();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> fleet.miners()
					.stream()
					.allMatch(miner -> get(miner.url() + "/admin/network")
						.contains("\"partitions\":[[\"miner-1\"],[\"miner-2\",\"miner-3\"]]")));

			await().atMost(Duration.ofSeconds(120))
				.until(() -> count(browser, ACTIVE_FOR, "miner-1", "miner-2") >= 2
						&& count(browser, ACTIVE_FOR, "miner-2", "miner-1") >= 2);
			assertThat(browser.check("return +document.getElementById('tree').dataset.forkHeights >= 1"))
				.as("two blocks at one height at least")
				.isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> browser.driver().findElement(By.id("miners")).getText(),
						text -> text.contains("split miner-1 | miner-2,miner-3"));
			browser.screenshot(SCREENSHOTS.resolve("fork.png"));

			browser.driver().findElement(By.id("net-heal")).click();
			await().atMost(Duration.ofSeconds(120))
				.until(() -> browser.check("return [...document.querySelectorAll('#tree g.block')].some((b) =>"
						+ " b.dataset.tipOf.split(' ').length === 3)")
						&& browser.check("return document.querySelector('#log li.reorg') !== null"));
			assertThat(browser.driver().findElement(By.id("log")).getText()).contains("reorganized at #");
			assertThat(browser.check("return document.querySelector('#tree g.block.stale') !== null"))
				.as("the losing branch stays drawn, off every active chain")
				.isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> browser.driver().findElement(By.id("miners")).getText(), text -> !text.contains("split"));
			browser.screenshot(SCREENSHOTS.resolve("healed.png"));
		}
	}

	// ---- helpers

	private static long count(HeadlessChromium browser, String script, Object... arguments) {
		return ((Number) browser.script(script, arguments)).longValue();
	}

	/** A transaction, not a coinbase, in a block of the miner's active chain with a few confirmations. */
	private static Transaction someConfirmedTransaction(Miner miner) {
		var view = miner.chain().snapshot();
		for (int height = view.height() - 2; height > 0; height--) {
			for (Transaction tx : view.at(height).orElseThrow().block().transactions()) {
				if (!tx.isCoinbase()) {
					return tx;
				}
			}
		}
		return null;
	}

	private String get(String url) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (Exception ex) {
			return "";
		}
	}

	/** The first of {@code count} consecutive free ports. */
	private static int freePorts(int count) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int start = 20_000 + (int) (Math.random() * 30_000);
			boolean free = true;
			for (int port = start; port < start + count && free; port++) {
				free = isFree(port);
			}
			if (free) {
				return start;
			}
		}
		throw new IllegalStateException("no block of free ports");
	}

	private static boolean isFree(int port) {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

}
