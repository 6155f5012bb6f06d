package dev.minerfleet.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockCodec;

/**
 * The records after a block log's header, one block each:
 *
 * <pre>
 * offset size field
 *      0    4 length     u32, bytes of the payload
 *      4    4 checksum   CRC32C of the length field and the payload
 *      8    n payload    the block ({@link BlockCodec})
 * </pre>
 *
 * A scan reads records up to the first that is not sound (a torn write, a flipped bit, garbage)
 * and stops there: what comes before is the log's valid prefix, the rest is to be dropped.
 */
final class LogRecords {

	static final int FRAME_LENGTH = 8;

	private LogRecords() {
	}

	/** The record of a block: its frame and payload, ready to append. */
	static ByteBuffer frame(Block block) {
		byte[] payload = BlockCodec.encode(block);
		ByteBuffer record = ByteBuffer.allocate(FRAME_LENGTH + payload.length);
		record.putInt(payload.length);
		record.putInt(checksum(record.array(), payload));
		record.put(payload);
		return record.flip();
	}

	/**
	 * Reads records from {@code in} until the end or the first unsound record.
	 * @param in the bytes after the header
	 * @param available how many bytes {@code in} holds
	 * @param maxPayload the longest payload a record of this chain may have
	 * @throws IOException only when {@code in} fails to read; damage is a result, never an exception
	 */
	static Scan scan(InputStream in, long available, long maxPayload) throws IOException {
		List<Block> blocks = new ArrayList<>();
		long offset = 0;
		byte[] frame = new byte[FRAME_LENGTH];
		while (offset < available) {
			long left = available - offset;
			if (left < FRAME_LENGTH || in.readNBytes(frame, 0, FRAME_LENGTH) < FRAME_LENGTH) {
				return Scan.damaged(blocks, offset, "incomplete record frame");
			}
			ByteBuffer fields = ByteBuffer.wrap(frame);
			long length = Integer.toUnsignedLong(fields.getInt());
			int expected = fields.getInt();
			if (length < BlockCodec.MIN_LENGTH || length > maxPayload) {
				return Scan.damaged(blocks, offset, "record length " + length + " out of bounds");
			}
			if (length > left - FRAME_LENGTH) {
				return Scan.damaged(blocks, offset,
						"incomplete record (" + length + " bytes announced, " + (left - FRAME_LENGTH) + " present)");
			}
			byte[] payload = in.readNBytes((int) length);
			if (payload.length < length) {
				return Scan.damaged(blocks, offset, "incomplete record");
			}
			if (checksum(frame, payload) != expected) {
				return Scan.damaged(blocks, offset, "checksum mismatch");
			}
			Optional<Block> block = BlockCodec.decode(payload);
			if (block.isEmpty()) {
				return Scan.damaged(blocks, offset, "checksum matches but the payload is not a block");
			}
			blocks.add(block.get());
			offset += FRAME_LENGTH + length;
		}
		return new Scan(blocks, offset, Optional.empty());
	}

	private static int checksum(byte[] frame, byte[] payload) {
		CRC32C crc = new CRC32C();
		crc.update(frame, 0, 4);
		crc.update(payload);
		return (int) crc.getValue();
	}

	/**
	 * What a scan found.
	 * @param blocks the blocks of the valid prefix, in log order
	 * @param validLength bytes of the valid prefix, after the header
	 * @param problem why the scan stopped before the end, empty when every byte was sound
	 */
	record Scan(List<Block> blocks, long validLength, Optional<String> problem) {

		Scan {
			blocks = List.copyOf(blocks);
		}

		static Scan damaged(List<Block> blocks, long offset, String problem) {
			return new Scan(blocks, offset, Optional.of(problem));
		}

	}

}
