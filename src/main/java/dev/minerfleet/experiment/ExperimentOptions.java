package dev.minerfleet.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;

/**
 * The settings of an experiment: for each ratio of propagation delay to block interval, a fresh local fleet of
 * {@code miners} equal miners runs until its main chain is {@code blocks} long.
 *
 * @param ratios delay / block interval, one fleet each
 * @param miners miners of equal share per fleet
 * @param blocks length of the main chain at which a fleet stops mining
 * @param blockInterval the mean interval the fleet's hash rate and difficulty give
 * @param difficultyBits the chain's fixed difficulty: a block takes 2^bits hashes on average
 * @param out where results.csv and results.md go
 * @param firstPort HTTP port of the first miner; the others follow
 * @param brokerPort port of the embedded broker (the next free one if taken)
 * @param minerArguments further {@code --key=value} settings for every miner
 */
public record ExperimentOptions(List<Double> ratios, int miners, int blocks, Duration blockInterval,
		int difficultyBits, Path out, int firstPort, int brokerPort, List<String> minerArguments) {

	public static final String USAGE = """
			Usage: java -jar minerfleet.jar experiment [options] [--miner.setting=value ...]
			  --ratios=R1,R2,...     propagation delay / block interval, one fleet each (default 0.01,0.05,0.1,0.3)
			  --miners=N             miners of equal hash power per fleet (default 5)
			  --blocks=B             main-chain length at which a fleet stops (default 200)
			  --block-interval=T     mean block interval, e.g. 1s or 500ms (default 1s)
			  --difficulty-bits=D    fixed difficulty, 2^D hashes a block (default 20); each miner is capped
			                         at 2^D / (N * T) hashes a second
			  --out=DIR              where results.csv and results.md go (default target/experiments)
			  --first-port=P         HTTP port of the first miner (default 18081)
			  --broker-port=P        port of the embedded broker (default 18830)
			Any other --key=value goes to every miner.""";

	public ExperimentOptions {
		ratios = List.copyOf(ratios);
		minerArguments = List.copyOf(minerArguments);
		if (ratios.isEmpty()) {
			throw new IllegalArgumentException("--ratios needs at least one ratio");
		}
		for (double ratio : ratios) {
			if (!(ratio >= 0) || ratio > 10) {
				throw new IllegalArgumentException("a ratio lies between 0 and 10, got " + ratio);
			}
		}
		if (miners < 1 || miners > 200) {
			throw new IllegalArgumentException("--miners must be between 1 and 200, got " + miners);
		}
		if (blocks < 10) {
			throw new IllegalArgumentException("--blocks must be at least 10, got " + blocks);
		}
		if (blockInterval.toMillis() < 10) {
			throw new IllegalArgumentException("--block-interval must be at least 10ms, got " + blockInterval);
		}
		if (difficultyBits < 8 || difficultyBits > 40) {
			throw new IllegalArgumentException("--difficulty-bits must be between 8 and 40, got " + difficultyBits);
		}
	}

	/**
	 * Parses the command line.
	 * @throws IllegalArgumentException with a message for the user when it is not understood
	 */
	public static ExperimentOptions parse(List<String> args) {
		List<Double> ratios = List.of(0.01, 0.05, 0.1, 0.3);
		int miners = 5;
		int blocks = 200;
		Duration interval = Duration.ofSeconds(1);
		int bits = 20;
		Path out = Path.of("target", "experiments");
		int firstPort = 18081;
		int brokerPort = 18830;
		List<String> passOn = new ArrayList<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("not understood: '" + arg + "' (options look like --key=value)");
			}
			String key = arg.substring(2, arg.indexOf('='));
			String value = arg.substring(arg.indexOf('=') + 1);
			switch (key) {
				case "ratios" -> ratios = ratios(value);
				case "miners" -> miners = integer(key, value);
				case "blocks" -> blocks = integer(key, value);
				case "block-interval" -> interval = duration(key, value);
				case "difficulty-bits" -> bits = integer(key, value);
				case "out" -> out = Path.of(value);
				case "first-port" -> firstPort = integer(key, value);
				case "broker-port" -> brokerPort = integer(key, value);
				case "miner.id", "network.delay", "mining.max-hash-rate", "chain.difficulty-bits",
						"chain.retarget-interval" -> throw new IllegalArgumentException(
								"--" + key + " is set by the experiment for each fleet; use --ratios, --miners,"
										+ " --block-interval or --difficulty-bits");
				default -> passOn.add(arg);
			}
		}
		return new ExperimentOptions(ratios, miners, blocks, interval, bits, out, firstPort, brokerPort, passOn);
	}

	/** The cap of each miner: together they find a block every {@code blockInterval} on average. */
	public long hashRatePerMiner() {
		double perSecond = Math.pow(2, difficultyBits) / (miners * (blockInterval.toNanos() / 1e9));
		return Math.max(1, Math.round(perSecond));
	}

	/** The inbound delay for {@code ratio}, to the millisecond. */
	public Duration delayFor(double ratio) {
		return Duration.ofMillis(Math.round(ratio * blockInterval.toMillis()));
	}

	private static List<Double> ratios(String value) {
		List<Double> ratios = new ArrayList<>();
		for (String part : value.split(",")) {
			try {
				ratios.add(Double.parseDouble(part.trim()));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--ratios takes numbers separated by commas, got '" + value + "'");
			}
		}
		return ratios;
	}

	private static int integer(String key, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + key + " takes a whole number, got '" + value + "'");
		}
	}

	private static Duration duration(String key, String value) {
		try {
			return DurationStyle.detectAndParse(value.toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--" + key + " takes a duration such as 1s or 500ms, got '" + value + "'");
		}
	}

}
