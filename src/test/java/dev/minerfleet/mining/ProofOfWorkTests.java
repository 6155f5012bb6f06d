package dev.minerfleet.mining;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.MerkleRoot;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProofOfWorkTests {

	private static final long MEDIAN = 1_767_225_700_000L;

	private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochMilli(MEDIAN + 5_000));

	/** Four nonces per header: a search runs out after four hashes. */
	private static final NonceStride TINY = new NonceStride(1, 1 << 30);

	private final LongAdder hashes = new LongAdder();

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopExecutor() {
		executor.shutdownNow();
	}

	private static BlockTemplate template(Target target) {
		List<Transaction> transactions = List.of(Transaction.create("alice", "bob", 5, "rent", MEDIAN, "miner-2"),
				Transaction.create("bob", "carol", 2, "", MEDIAN, "miner-3"),
				Transaction.create("carol", "dave", 1, "tip", MEDIAN, "miner-2"));
		Hash parent = Hash.fromHex("00000a3f19c2e0000000000000000000000000000000000000000000000000ff");
		return BlockTemplate.of(ChainParameters.defaults(), parent, 7, target, MEDIAN, transactions, "miner-1");
	}

	private ProofOfWork proofOfWork(InstantSource clock) {
		return new ProofOfWork(new NonceSearch(HeaderHasher.create(), hashes), clock);
	}

	@Test
	void minesABlockWhoseHashMeetsAnEasyTarget() {
		BlockTemplate template = template(Target.ofLeadingZeroBits(8));

		Block block = proofOfWork(CLOCK).mine(template, NonceStride.ALL, Cancellation.never()).orElseThrow();

		assertMinedFrom(template, block);
		assertThat(block.header().timestamp()).isEqualTo(MEDIAN + 5_000);
		assertThat(block.transactions().get(0)).isEqualTo(template.assemble(MEDIAN + 5_000, 0).transactions().get(0));
		assertThat(hashes.sum()).isEqualTo(Integer.toUnsignedLong(block.header().nonce()) + 1);
	}

	@Test
	void raisesTheExtraNonceWhenTheNoncesRunOutAndTheClockStands() {
		BlockTemplate template = template(Target.ofLeadingZeroBits(8));

		Block block = proofOfWork(CLOCK).mine(template, TINY, Cancellation.never()).orElseThrow();

		assertMinedFrom(template, block);
		assertThat(block.header().timestamp()).isEqualTo(MEDIAN + 5_000);
		Transaction coinbase = block.transactions().get(0);
		assertThat(coinbase.payload()).startsWith("height=7 extraNonce=").isNotEqualTo("height=7 extraNonce=0");
		long extraNonce = Long.parseLong(coinbase.payload().substring("height=7 extraNonce=".length()));
		assertThat(hashes.sum()).as("four hashes per header before the last").isGreaterThan(4 * extraNonce);
	}

	@Test
	void takesTheNewTimestampWhenTheNoncesRunOutAndTheClockMoved() {
		AtomicLong now = new AtomicLong(MEDIAN + 5_000);
		InstantSource ticking = () -> Instant.ofEpochMilli(now.getAndIncrement());
		BlockTemplate template = template(Target.ofLeadingZeroBits(8));

		Block block = proofOfWork(ticking).mine(template, TINY, Cancellation.never()).orElseThrow();

		assertMinedFrom(template, block);
		assertThat(block.header().timestamp()).isGreaterThan(MEDIAN + 5_000);
		assertThat(block.transactions().get(0).payload()).isEqualTo("height=7 extraNonce=0");
		assertThat(block.transactions().get(0).createdAt()).isEqualTo(block.header().timestamp());
	}

	@Test
	void stopsPromptlyWhenCancelledFromAnotherThread() {
		AtomicBoolean cancelled = new AtomicBoolean();
		BlockTemplate template = template(Target.ofLeadingZeroBits(240));
		CompletableFuture<Optional<Block>> mining = CompletableFuture
			.supplyAsync(() -> proofOfWork(CLOCK).mine(template, NonceStride.ALL, cancelled::get), executor);
		await().atMost(Duration.ofSeconds(10)).until(() -> hashes.sum() > 0);

		cancelled.set(true);

		await().atMost(Duration.ofSeconds(2)).until(mining::isDone);
		assertThat(mining.join()).isEmpty();
	}

	private static void assertMinedFrom(BlockTemplate template, Block block) {
		assertThat(template.target().isMetBy(block.hash())).as("hash %s meets %s", block.hash(), template.target())
			.isTrue();
		assertThat(block.header().merkleRoot()).isEqualTo(MerkleRoot.of(block.transactions()));
		assertThat(block.header().previousHash()).isEqualTo(template.previousHash());
		assertThat(block.header().bits()).isEqualTo(template.target().compact());
		assertThat(block.miner()).isEqualTo("miner-1");
		assertThat(block.transactions().subList(1, block.transactions().size()))
			.containsExactlyElementsOf(template.transactions());
	}

}
