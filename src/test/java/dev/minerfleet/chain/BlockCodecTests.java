package dev.minerfleet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BlockCodecTests {

	private final TestChain chain = new TestChain();

	private final Block block = chain.block(chain.genesis(), "miner-2",
			Transaction.create("alice", "bob", 5, "rent é 中 😀", 1_767_225_601_000L, "miner-3"),
			Transaction.create("", "", 0, "", 0, ""));

	@Test
	void aBlockDecodesToItselfWithItsTransactionIdsRecomputed() {
		byte[] bytes = BlockCodec.encode(block);

		assertThat(BlockCodec.decode(bytes)).contains(block);
		assertThat(bytes).hasSize((int) block.size() + BlockCodec.COUNT_LENGTH);
	}

	@Test
	void theGenesisBlockStartsWithItsHeaderAndItsTransactionCount() {
		Block genesis = ChainParameters.defaults().genesisBlock();
		byte[] bytes = BlockCodec.encode(genesis);

		assertThat(Arrays.copyOf(bytes, HeaderCodec.LENGTH)).isEqualTo(HeaderCodec.encode(genesis.header()));
		assertThat(ByteBuffer.wrap(bytes, HeaderCodec.LENGTH, 4).getInt()).isEqualTo(1);
		assertThat(Arrays.copyOfRange(bytes, BlockCodec.MIN_LENGTH, bytes.length))
			.isEqualTo(TransactionCodec.canonicalBytes(genesis.transactions().get(0)));
	}

	@Test
	void aBlockWithoutTransactionsDecodes() {
		Block empty = new Block(block.header(), List.of());

		assertThat(BlockCodec.decode(BlockCodec.encode(empty))).contains(empty);
	}

	@Test
	void everyTruncationAndAnyTrailingByteDecodeToNothing() {
		byte[] bytes = BlockCodec.encode(block);
		for (int length = 0; length < bytes.length; length++) {
			assertThat(BlockCodec.decode(Arrays.copyOf(bytes, length))).as("%d bytes", length).isEmpty();
		}
		assertThat(BlockCodec.decode(Arrays.copyOf(bytes, bytes.length + 1))).isEmpty();
	}

	@Test
	void aHugeTransactionCountDecodesToNothingWithoutAllocatingForIt() {
		byte[] bytes = BlockCodec.encode(block);
		ByteBuffer.wrap(bytes).putInt(HeaderCodec.LENGTH, -1);

		assertThat(BlockCodec.decode(bytes)).isEmpty();
	}

	@Test
	void malformedUtf8AndANegativeAmountDecodeToNothing() {
		Block one = chain.block(chain.genesis(), "m", Transaction.create("a", "b", 1, "x", 1, "o"));
		byte[] bytes = BlockCodec.encode(one);
		// the second transaction's sender is the one byte 'a': after the coinbase
		int sender = BlockCodec.MIN_LENGTH + one.transactions().get(0).size() + 2;
		assertThat(bytes[sender]).isEqualTo((byte) 'a');

		byte[] malformed = bytes.clone();
		malformed[sender] = (byte) 0xC0;
		byte[] negative = bytes.clone();
		negative[sender + 1 + 3] = (byte) 0x80; // top byte of the amount after "a" and "b"

		assertThat(BlockCodec.decode(malformed)).isEqualTo(Optional.empty());
		assertThat(BlockCodec.decode(negative)).isEmpty();
	}

}
