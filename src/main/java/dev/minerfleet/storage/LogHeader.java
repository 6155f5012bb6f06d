package dev.minerfleet.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;

/**
 * The first {@value #LENGTH} bytes of a block log: what file this is and which chain it holds.
 *
 * <pre>
 * offset size field
 *      0    8 magic            "MFBLKLOG"
 *      8    4 format version   u32, {@value #FORMAT_VERSION}
 *     12   32 genesis hash
 *     44   32 consensus hash   {@link ChainParameters#consensusHash()}
 *     76    4 CRC32C of bytes 0 to 75
 * </pre>
 *
 * @param genesis hash of the chain's genesis block
 * @param consensus hash of the chain's consensus parameters
 */
record LogHeader(Hash genesis, Hash consensus) {

	static final int LENGTH = 80;

	static final int FORMAT_VERSION = 1;

	private static final byte[] MAGIC = "MFBLKLOG".getBytes(StandardCharsets.US_ASCII);

	static LogHeader of(ChainParameters parameters) {
		return new LogHeader(parameters.genesisBlock().hash(), parameters.consensusHash());
	}

	byte[] encode() {
		ByteBuffer out = ByteBuffer.allocate(LENGTH);
		out.put(MAGIC).putInt(FORMAT_VERSION).put(genesis.toByteArray()).put(consensus.toByteArray());
		out.putInt(crc(out.array()));
		return out.array();
	}

	/** What is wrong with these bytes as a header, or empty when they start with a sound one. */
	static Optional<String> problem(byte[] bytes) {
		if (bytes.length < LENGTH) {
			return Optional.of("it is " + bytes.length + " bytes long, shorter than a block log header");
		}
		if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			return Optional.of("it does not start with the block log's magic bytes");
		}
		ByteBuffer in = ByteBuffer.wrap(bytes, 0, LENGTH);
		if (in.getInt(LENGTH - 4) != crc(bytes)) {
			return Optional.of("its header checksum does not match");
		}
		int version = in.getInt(MAGIC.length);
		if (version != FORMAT_VERSION) {
			return Optional.of("it has format version " + Integer.toUnsignedString(version)
					+ ", this miner reads version " + FORMAT_VERSION);
		}
		return Optional.empty();
	}

	/** The header these bytes start with, which {@link #problem} found sound. */
	static LogHeader decode(byte[] bytes) {
		return new LogHeader(Hash.of(bytes, 12), Hash.of(bytes, 44));
	}

	private static int crc(byte[] header) {
		CRC32C crc = new CRC32C();
		crc.update(header, 0, LENGTH - 4);
		return (int) crc.getValue();
	}

}
