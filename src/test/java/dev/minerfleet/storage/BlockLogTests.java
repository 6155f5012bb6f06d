package dev.minerfleet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockCodec;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.TestChain;

class BlockLogTests {

	private static final ChainParameters PARAMETERS = TestChain.PARAMETERS;

	private static final TestChain CHAIN = new TestChain();

	private static final List<Block> BLOCKS = CHAIN.blocks(CHAIN.genesis(), "miner-1", 4);

	@TempDir
	Path dir;

	@Test
	void blocksAppendedComeBackInOrderWhenTheLogIsOpenedAgain() throws IOException {
		write(BLOCKS);

		try (BlockLog reopened = BlockLog.open(dir, PARAMETERS, false)) {
			assertThat(reopened.recovery().blocks()).containsExactlyElementsOf(BLOCKS);
			assertThat(reopened.recovery().droppedBytes()).isZero();
			assertThat(reopened.recovery().problem()).isEmpty();
			assertThat(reopened.size()).isEqualTo(Files.size(log()));
		}
	}

	@Test
	void aNewDirectoryGetsAnEmptyLogWithItsHeader() {
		Path nested = dir.resolve("a/b");
		try (BlockLog created = BlockLog.open(nested, PARAMETERS, true)) {
			assertThat(created.recovery().blocks()).isEmpty();
			assertThat(created.size()).isEqualTo(LogHeader.LENGTH);
		}
		assertThat(nested.resolve(BlockLog.FILE_NAME)).hasSize(LogHeader.LENGTH);
	}

	@Test
	void anEmptyFileIsTakenForANewLog() throws IOException {
		Files.createFile(log());

		try (BlockLog opened = BlockLog.open(dir, PARAMETERS, false)) {
			assertThat(opened.recovery().blocks()).isEmpty();
		}
		assertThat(log()).hasSize(LogHeader.LENGTH);
	}

	@Test
	void aLastRecordTornAtAnyByteIsDroppedAndEveryEarlierBlockComesBack() throws IOException {
		write(BLOCKS);
		byte[] whole = Files.readAllBytes(log());
		int lastRecord = whole.length - recordLength(BLOCKS.get(3));

		for (int cut = lastRecord + 1; cut < whole.length; cut++) {
			Files.write(log(), Arrays.copyOf(whole, cut));

			try (BlockLog recovered = BlockLog.open(dir, PARAMETERS, false)) {
				assertThat(recovered.recovery().blocks()).as("cut at %d", cut).containsExactlyElementsOf(BLOCKS.subList(0, 3));
				assertThat(recovered.recovery().droppedBytes()).isEqualTo(cut - lastRecord);
				assertThat(recovered.recovery().problem()).get().asString().contains("incomplete");
			}
			assertThat(log()).as("truncated at the torn record").hasSize(lastRecord);
		}
	}

	@Test
	void aRecoveredLogTakesNewBlocksAfterItsValidPrefix() throws IOException {
		write(BLOCKS);
		byte[] whole = Files.readAllBytes(log());
		Files.write(log(), Arrays.copyOf(whole, whole.length - 5));

		try (BlockLog recovered = BlockLog.open(dir, PARAMETERS, false)) {
			recovered.append(BLOCKS.get(3));
		}

		assertThat(Files.readAllBytes(log())).isEqualTo(whole);
	}

	@Test
	void aFlippedBitInAMiddleRecordEndsTheValidPrefixThereAndTheRestIsTruncated() throws IOException {
		write(BLOCKS);
		byte[] bytes = Files.readAllBytes(log());
		int secondRecord = LogHeader.LENGTH + recordLength(BLOCKS.get(0));
		bytes[secondRecord + recordLength(BLOCKS.get(1)) / 2] ^= 0x10;
		Files.write(log(), bytes);

		try (BlockLog recovered = BlockLog.open(dir, PARAMETERS, false)) {
			assertThat(recovered.recovery().blocks()).containsExactly(BLOCKS.get(0));
			assertThat(recovered.recovery().problem()).contains("checksum mismatch");
			assertThat(recovered.recovery().droppedBytes()).isEqualTo(bytes.length - secondRecord);
		}
		assertThat(log()).hasSize(secondRecord);
	}

	@Test
	void aCorruptLengthIsCaughtBeforeAnythingIsReadForIt() throws IOException {
		write(BLOCKS.subList(0, 2));
		byte[] bytes = Files.readAllBytes(log());
		bytes[LogHeader.LENGTH] = (byte) 0x7f; // the first record now claims about 2 GB
		Files.write(log(), bytes);

		try (BlockLog recovered = BlockLog.open(dir, PARAMETERS, false)) {
			assertThat(recovered.recovery().blocks()).isEmpty();
			assertThat(recovered.recovery().problem()).get().asString().contains("out of bounds");
		}
		assertThat(log()).hasSize(LogHeader.LENGTH);
	}

	@Test
	void aRecordWithASoundChecksumButNoBlockInsideEndsTheValidPrefix() throws IOException {
		write(BLOCKS.subList(0, 1));
		byte[] payload = BlockCodec.encode(BLOCKS.get(1));
		payload[payload.length - 1] = (byte) 0xff; // the last transaction's origin is no longer UTF-8
		ByteBuffer record = ByteBuffer.allocate(8 + payload.length).putInt(payload.length);
		CRC32C crc = new CRC32C();
		crc.update(record.array(), 0, 4);
		crc.update(payload);
		record.putInt((int) crc.getValue()).put(payload);
		Files.write(log(), record.array(), StandardOpenOption.APPEND);

		try (BlockLog recovered = BlockLog.open(dir, PARAMETERS, false)) {
			assertThat(recovered.recovery().blocks()).containsExactly(BLOCKS.get(0));
			assertThat(recovered.recovery().problem()).get().asString().contains("not a block");
		}
	}

	@Test
	void garbageAfterTheLastRecordIsDropped() throws IOException {
		write(BLOCKS);
		long sound = Files.size(log());
		byte[] garbage = new byte[1000];
		new SplittableRandom(7).nextBytes(garbage);
		Files.write(log(), garbage, StandardOpenOption.APPEND);

		try (BlockLog recovered = BlockLog.open(dir, PARAMETERS, false)) {
			assertThat(recovered.recovery().blocks()).containsExactlyElementsOf(BLOCKS);
			assertThat(recovered.recovery().droppedBytes()).isEqualTo(1000);
		}
		assertThat(log()).hasSize(sound);
	}

	@Test
	void aFileOfGarbageIsRefusedAndLeftUntouched() throws IOException {
		byte[] garbage = new byte[5000];
		new SplittableRandom(11).nextBytes(garbage);
		Files.write(log(), garbage);

		assertThatThrownBy(() -> BlockLog.open(dir, PARAMETERS, false)).isInstanceOf(StorageException.class)
			.hasMessageContaining("is not a block log this miner can read: it does not start with the block log's magic");
		assertThat(Files.readAllBytes(log())).isEqualTo(garbage);
	}

	@Test
	void aWrongMagicOrAShortHeaderOrADamagedHeaderIsRefused() throws IOException {
		write(List.of());
		byte[] header = Files.readAllBytes(log());

		byte[] magic = header.clone();
		magic[0] = 'X';
		Files.write(log(), magic);
		assertThatThrownBy(() -> BlockLog.open(dir, PARAMETERS, false)).isInstanceOf(StorageException.class)
			.hasMessageContaining("magic");

		Files.write(log(), Arrays.copyOf(header, 40));
		assertThatThrownBy(() -> BlockLog.open(dir, PARAMETERS, false)).isInstanceOf(StorageException.class)
			.hasMessageContaining("40 bytes long");

		byte[] damaged = header.clone();
		damaged[20] ^= 1;
		Files.write(log(), damaged);
		assertThatThrownBy(() -> BlockLog.open(dir, PARAMETERS, false)).isInstanceOf(StorageException.class)
			.hasMessageContaining("header checksum");
	}

	@Test
	void aLogOfAnotherChainIsRefusedWithWhatDiffers() {
		write(BLOCKS);

		assertThatThrownBy(() -> BlockLog.open(dir, PARAMETERS.withInitialTarget(Target.ofLeadingZeroBits(5)), false))
			.isInstanceOf(StorageException.class)
			.hasMessageContaining("genesis block")
			.hasMessageContaining("chain.difficulty-bits");
		assertThatThrownBy(() -> BlockLog.open(dir, PARAMETERS.withRetargeting(10, Duration.ofSeconds(1)), false))
			.isInstanceOf(StorageException.class)
			.hasMessageContaining("other consensus settings");
		// local policy is not part of the chain
		try (BlockLog sameChain = BlockLog.open(dir, PARAMETERS.withOrphanPoolSize(3), false)) {
			assertThat(sameChain.recovery().blocks()).hasSize(4);
		}
	}

	@Test
	void aDirectoryInUseIsRefusedWithAClearMessage() throws IOException {
		try (BlockLog first = BlockLog.open(dir, PARAMETERS, false)) {
			assertThatThrownBy(() -> BlockLog.open(dir, PARAMETERS, false)).isInstanceOf(StorageException.class)
				.hasMessageContaining("is in use by another miner (process " + ProcessHandle.current().pid() + ")")
				.extracting(ex -> ((StorageException) ex).action())
				.asString()
				.contains("its own storage.data-dir");
		}
		try (BlockLog second = BlockLog.open(dir, PARAMETERS, false)) {
			assertThat(second.recovery().blocks()).isEmpty();
		}
	}

	@Test
	void aLockHeldByAnotherChannelRefusesTheDirectory() throws IOException {
		Files.createDirectories(dir);
		try (FileChannel other = FileChannel.open(dir.resolve(BlockLog.LOCK_NAME), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock held = other.lock()) {
			assertThat(held.isValid()).isTrue();
			assertThatThrownBy(() -> BlockLog.open(dir, PARAMETERS, false)).isInstanceOf(StorageException.class)
				.hasMessageContaining("in use by another miner");
		}
	}

	@Test
	void aRecordIsItsLengthItsChecksumAndTheEncodedBlock() throws IOException {
		write(BLOCKS.subList(0, 1));
		byte[] bytes = Files.readAllBytes(log());
		byte[] payload = BlockCodec.encode(BLOCKS.get(0));

		ByteBuffer record = ByteBuffer.wrap(bytes, LogHeader.LENGTH, bytes.length - LogHeader.LENGTH);
		assertThat(record.getInt()).isEqualTo(payload.length);
		CRC32C crc = new CRC32C();
		crc.update(bytes, LogHeader.LENGTH, 4);
		crc.update(payload);
		assertThat(record.getInt()).isEqualTo((int) crc.getValue());
		assertThat(Arrays.copyOfRange(bytes, LogHeader.LENGTH + 8, bytes.length)).isEqualTo(payload);
	}

	private void write(List<Block> blocks) {
		try (BlockLog blockLog = BlockLog.open(dir, PARAMETERS, false)) {
			for (Block block : blocks) {
				blockLog.append(block);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path log() {
		return dir.resolve(BlockLog.FILE_NAME);
	}

	private static int recordLength(Block block) {
		return LogRecords.FRAME_LENGTH + BlockCodec.encode(block).length;
	}

}
