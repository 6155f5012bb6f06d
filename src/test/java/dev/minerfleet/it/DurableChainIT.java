package dev.minerfleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.storage.BlockLog;
import dev.minerfleet.storage.StorageException;
import dev.minerfleet.testsupport.TestBroker;

/** A miner with a data directory gets its chain back when it starts again on the same directory. */
class DurableChainIT {

	@RegisterExtension
	static final TestBroker broker = new TestBroker();

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aMinerRestartedOnItsDataDirectoryComesBackWithTheChainItHad() throws Exception {
		String prefix = broker.uniqueTopicPrefix();
		String storage = "--storage.data-dir=" + dataDir;
		ChainService before;
		try (Miner first = Miner.start("keeper", broker.url(), prefix, storage, "--storage.fsync=false")) {
			before = first.chain();
			await().atMost(Duration.ofSeconds(60)).until(() -> before.snapshot().height() >= 5);
		}
		// read after the stop: every block it accepted is in
		ChainSnapshot stopped = before.snapshot();
		assertThat(dataDir.resolve(BlockLog.FILE_NAME)).exists();

		try (Miner second = Miner.start("keeper", broker.url(), prefix, storage, "--mining.enabled=false")) {
			ChainSnapshot restored = second.chain().snapshot();
			assertThat(restored.height()).isEqualTo(stopped.height());
			assertThat(restored.tip().hash()).isEqualTo(stopped.tip().hash());
			assertThat(restored.range(1, restored.height()).stream().map(StoredBlock::hash))
				.containsExactlyElementsOf(stopped.range(1, stopped.height()).stream().map(StoredBlock::hash).toList());
			HttpResponse<String> health = http.send(
					HttpRequest.newBuilder(URI.create(second.baseUrl() + "/actuator/health/storage")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"").contains(dataDir.getFileName().toString());
		}
	}

	@Test
	void aMinerRestartedOnItsDataDirectoryFetchesOnlyWhatItMissedFromAPeer() {
		String prefix = broker.uniqueTopicPrefix();
		String[] chain = { "--chain.difficulty-bits=16", "--chain.retarget-interval=0" };
		String storage = "--storage.data-dir=" + dataDir;
		try (Miner peer = Miner.start("peer", broker.url(), prefix, chain)) {
			int stoppedAt;
			try (Miner keeper = Miner.start("keeper", broker.url(), prefix, chain[0], chain[1], storage,
					"--mining.enabled=false")) {
				await().atMost(Duration.ofSeconds(60)).until(() -> keeper.chain().snapshot().height() >= 30);
				stoppedAt = keeper.chain().snapshot().height();
			}
			// the peer mines on while the keeper is down
			await().atMost(Duration.ofSeconds(60)).until(() -> peer.chain().snapshot().height() >= stoppedAt + 30);
			try (Miner keeper = Miner.start("keeper", broker.url(), prefix, chain[0], chain[1], storage,
					"--mining.enabled=false")) {
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(peer.chain().snapshot().at(keeper.chain().snapshot().height())
						.map(StoredBlock::hash)).contains(keeper.chain().snapshot().tip().hash()));
				await().atMost(Duration.ofSeconds(30))
					.until(() -> keeper.chain().snapshot().height() >= stoppedAt + 30);
				// what it had came from its log: it received only the blocks after it, give or take those in flight.
				// A block the peer broadcasts while sync runs counts twice (as an orphan, then again from sync); with
				// the peer mining flat out that is up to a few dozen. Fetching the whole chain again would add at
				// least stoppedAt (30 or more) on top, so the bound still tells the two apart.
				long received = keeper.chain().statistics().blocksReceived();
				assertThat(received).isLessThan(keeper.chain().snapshot().height() - stoppedAt + 30L);
				assertThat(keeper.chain().statistics().blocksRejected()).isZero();
			}
		}
	}

	@Test
	void aSecondMinerOnTheSameDataDirectoryDoesNotStartAndSaysWhy() {
		String prefix = broker.uniqueTopicPrefix();
		String storage = "--storage.data-dir=" + dataDir;
		try (Miner first = Miner.start("owner", broker.url(), prefix, storage, "--mining.enabled=false")) {
			assertThat(first.chain().snapshot().height()).isZero();

			assertThatThrownBy(() -> Miner.start("intruder", broker.url(), prefix, storage).close())
				.hasRootCauseInstanceOf(StorageException.class)
				.rootCause()
				.hasMessageContaining("is in use by another miner");
		}
	}

}
