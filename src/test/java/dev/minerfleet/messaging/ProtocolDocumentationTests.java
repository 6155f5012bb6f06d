package dev.minerfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.CompactBlock;
import dev.minerfleet.chain.PartialBlock;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.messaging.wire.BlockAnnouncement;
import dev.minerfleet.messaging.wire.BlockMessage;
import dev.minerfleet.messaging.wire.BlockTransactionsMessage;
import dev.minerfleet.messaging.wire.BlocksMessage;
import dev.minerfleet.messaging.wire.CompactBlockMessage;
import dev.minerfleet.messaging.wire.Decoded.Ok;
import dev.minerfleet.messaging.wire.Decoded;
import dev.minerfleet.messaging.wire.GetBlockTransactionsMessage;
import dev.minerfleet.messaging.wire.GetBlocksMessage;
import dev.minerfleet.messaging.wire.SyncCodec;
import dev.minerfleet.messaging.wire.SyncMessage;
import dev.minerfleet.messaging.wire.TipMessage;
import dev.minerfleet.messaging.wire.TransactionMessage;
import dev.minerfleet.messaging.wire.WireCodec;
import dev.minerfleet.node.ChainProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The examples of docs/protocol.md are real: they decode, the block extends a fresh default chain, and the sync reply
 * is what a miner holding that block answers to the sync request.
 */
class ProtocolDocumentationTests {

	private static final Pattern JSON_EXAMPLE = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WireCodec codec = new WireCodec(DataSize.ofMegabytes(4).toBytes(), WireCodec.DEFAULT_MAX_TRANSACTIONS);

	private final SyncCodec syncCodec = new SyncCodec(codec);

	/** The JSON examples of the section "Wire messages (MQTT)", in order. */
	/** The one JSON example of the section "Wire messages (MQTT)" of message type {@code type}. */
	private static String wireExample(String type) throws IOException {
		List<String> matching = wireExamples().stream()
			.filter(example -> example.replace(" ", "").contains("\"type\":\"" + type + "\""))
			.toList();
		assertThat(matching).as("examples of type " + type).hasSize(1);
		return matching.get(0);
	}

	private static List<String> wireExamples() throws IOException {
		return examples("## Wire messages (MQTT)");
	}

	/** The JSON examples of the section "Catch-up sync", in order. */
	private static List<String> syncExamples() throws IOException {
		return examples("## Catch-up sync");
	}

	/** The JSON examples of the section "Compact block relay", in order. */
	private static List<String> compactExamples() throws IOException {
		return examples("## Compact block relay");
	}

	@Test
	void theCompactBlockExampleIsTheBlockExampleRebuiltFromAMempoolHoldingTheTransactionExample() throws IOException {
		Block block = ((Ok<BlockMessage>) codec.decodeBlock(wireExample("block").getBytes(StandardCharsets.UTF_8)))
			.message()
			.block();
		Transaction transaction = ((Ok<TransactionMessage>) codec
			.decodeTransaction(wireExample("transaction").getBytes(StandardCharsets.UTF_8))).message().transaction();

		Decoded<BlockAnnouncement> decoded = codec
			.decodeBlockAnnouncement(compactExamples().get(0).getBytes(StandardCharsets.UTF_8));

		assertThat(decoded).isInstanceOf(Ok.class);
		CompactBlockMessage message = (CompactBlockMessage) ((Ok<BlockAnnouncement>) decoded).message();
		CompactBlock compact = message.block();
		assertThat(compact).isEqualTo(CompactBlock.of(block));
		assertThat(message.work()).isEqualTo(((Ok<BlockMessage>) codec
			.decodeBlock(wireExample("block").getBytes(StandardCharsets.UTF_8))).message().work()).isPresent();
		PartialBlock partial = PartialBlock.rebuild(compact, List.of(transaction));
		assertThat(partial.missing()).containsExactly(2);
		assertThat(partial.fill(List.of(2), block.transactions().subList(2, 3))).isTrue();
		assertThat(partial.block()).contains(block);
	}

	@Test
	void theTransactionRequestAndAnswerExamplesAskForAndCarryTheBlocksThirdTransaction() throws IOException {
		Block block = ((Ok<BlockMessage>) codec.decodeBlock(wireExample("block").getBytes(StandardCharsets.UTF_8)))
			.message()
			.block();
		List<String> examples = compactExamples();
		assertThat(examples).hasSize(3);

		assertThat(syncCodec.decode(examples.get(1).getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(new Ok<>(new GetBlockTransactionsMessage("miner-2", block.hash(), List.of(2))));
		assertThat(syncCodec.decode(examples.get(2).getBytes(StandardCharsets.UTF_8))).isEqualTo(new Ok<>(
				new BlockTransactionsMessage("miner-1", block.hash(), List.of(2), block.transactions().subList(2, 3))));
	}

	private static List<String> examples(String heading) throws IOException {
		String protocol = Files.readString(Path.of("docs/protocol.md"), StandardCharsets.UTF_8);
		int start = protocol.indexOf(heading);
		assertThat(start).as(heading).isNotNegative();
		int end = protocol.indexOf("\n## ", start + 1);
		Matcher matcher = JSON_EXAMPLE.matcher(protocol.substring(start, (end < 0) ? protocol.length() : end));
		List<String> examples = new ArrayList<>();
		while (matcher.find()) {
			examples.add(matcher.group(1));
		}
		return examples;
	}

	/** The chain application.yaml describes: the defaults of {@link ChainProperties}. */
	private static ChainParameters defaultChain() {
		return new ChainProperties(20, 20, Duration.ofSeconds(5), Duration.ofHours(2), 5000, DataSize.ofMegabytes(2),
				1000, 100_000, DataSize.ofMegabytes(64), false)
			.toParameters();
	}

	@Test
	void documentsOneTransactionOneBatchAndOneBlockMessage() throws IOException {
		assertThat(wireExamples()).hasSize(3)
			.filteredOn(example -> example.replace(" ", "").contains("\"type\":\"transactions\""))
			.hasSize(1);
	}

	@Test
	void theTransactionExampleDecodesWithAValidId() throws IOException {
		Decoded<TransactionMessage> decoded = codec
			.decodeTransaction(wireExample("transaction").getBytes(StandardCharsets.UTF_8));

		assertThat(decoded).isInstanceOf(Ok.class);
		Transaction tx = ((Ok<TransactionMessage>) decoded).message().transaction();
		assertThat(tx.hasValidId()).isTrue();
	}

	@Test
	void theBlockExampleDecodesAndExtendsAFreshDefaultChain() throws IOException {
		Decoded<BlockMessage> decoded = codec.decodeBlock(wireExample("block").getBytes(StandardCharsets.UTF_8));

		assertThat(decoded).isInstanceOf(Ok.class);
		Block block = ((Ok<BlockMessage>) decoded).message().block();
		Blockchain chain = new Blockchain(defaultChain(),
				InstantSource.fixed(Instant.ofEpochMilli(block.header().timestamp()).plusSeconds(1)));
		assertThat(chain.add(block)).isInstanceOf(AddResult.Extended.class);
		assertThat(chain.snapshot().tip().hash()).isEqualTo(block.hash());
		assertThat(((Ok<BlockMessage>) decoded).message().work()).contains(chain.snapshot().tip().chainWork());
	}

	@Test
	void documentsOneSyncRequestAndOneReply() throws IOException {
		assertThat(syncExamples()).hasSize(3);
	}

	@Test
	void theSyncRequestExampleAsksWithTheLocatorOfAFreshDefaultChain() throws IOException {
		Decoded<SyncMessage> decoded = syncCodec.decode(syncExamples().get(0).getBytes(StandardCharsets.UTF_8));

		assertThat(decoded).isInstanceOf(Ok.class);
		GetBlocksMessage request = (GetBlocksMessage) ((Ok<SyncMessage>) decoded).message();
		assertThat(request.locator()).isEqualTo(new Blockchain(defaultChain(), InstantSource.system()).locator());
		assertThat(request.max()).isEqualTo(500);
		assertThat(JSON.readTree(syncCodec.encode(request)))
			.isEqualTo(JSON.readTree(syncExamples().get(0).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void theSyncReplyExampleAnswersTheRequestWithTheBlockExample() throws IOException {
		GetBlocksMessage request = (GetBlocksMessage) ((Ok<SyncMessage>) syncCodec
			.decode(syncExamples().get(0).getBytes(StandardCharsets.UTF_8))).message();
		Block block = ((Ok<BlockMessage>) codec.decodeBlock(wireExample("block").getBytes(StandardCharsets.UTF_8)))
			.message()
			.block();
		Blockchain replier = new Blockchain(defaultChain(),
				InstantSource.fixed(Instant.ofEpochMilli(block.header().timestamp()).plusSeconds(1)));
		replier.add(block);

		Decoded<SyncMessage> decoded = syncCodec.decode(syncExamples().get(1).getBytes(StandardCharsets.UTF_8));

		assertThat(decoded).isInstanceOf(Ok.class);
		BlocksMessage reply = (BlocksMessage) ((Ok<SyncMessage>) decoded).message();
		assertThat(reply.requestId()).isEqualTo(request.requestId());
		assertThat(reply.blocks()).containsExactly(block);
		assertThat(replier.blocksAfter(request.locator(), request.max())).extracting(StoredBlock::block)
			.isEqualTo(reply.blocks());
		assertThat(reply.more()).isFalse();
		assertThat(JSON.readTree(syncCodec.encode(reply)))
			.isEqualTo(JSON.readTree(syncExamples().get(1).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void theTipExampleIsWhatAMinerHoldingTheBlockExampleAnnounces() throws IOException {
		Block block = ((Ok<BlockMessage>) codec.decodeBlock(wireExample("block").getBytes(StandardCharsets.UTF_8)))
			.message()
			.block();
		Blockchain miner = new Blockchain(defaultChain(),
				InstantSource.fixed(Instant.ofEpochMilli(block.header().timestamp()).plusSeconds(1)));
		miner.add(block);
		StoredBlock tip = miner.snapshot().tip();

		byte[] example = syncExamples().get(2).getBytes(StandardCharsets.UTF_8);

		assertThat(syncCodec.decode(example))
			.isEqualTo(new Ok<>(new TipMessage("miner-1", tip.height(), tip.hash(), tip.chainWork())));
		assertThat(syncCodec.encode(new TipMessage("miner-1", tip.height(), tip.hash(), tip.chainWork())))
			.isEqualTo(example);
	}

	@Test
	void theBlockExampleHoldsTheTransactionExample() throws IOException {
		Transaction tx = ((Ok<TransactionMessage>) codec
			.decodeTransaction(wireExample("transaction").getBytes(StandardCharsets.UTF_8))).message().transaction();
		Block block = ((Ok<BlockMessage>) codec.decodeBlock(wireExample("block").getBytes(StandardCharsets.UTF_8)))
			.message()
			.block();

		assertThat(block.transactions()).contains(tx);
	}

}
