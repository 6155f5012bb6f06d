package dev.minerfleet.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local fleet's command line: its own options, and every other {@code --key=value} passed on
 * to each miner.
 *
 * @param miners how many miners (--miners, default 3)
 * @param firstPort HTTP port of the first miner; the others take the next free ports (--first-port, default 8081)
 * @param brokerHost where the embedded broker listens (--broker-host, default 127.0.0.1)
 * @param brokerPort port of the embedded broker, or the first free one above when taken (--broker-port, default 1883)
 * @param externalBroker an external broker's URL instead of the embedded one (--mqtt.url or MQTT_URL)
 * @param dataDir where the miners keep their blocks, each in its own subdirectory named after it (--data-dir); none
 * keeps every chain in memory only
 * @param minerArguments passed to every miner, such as --chain.difficulty-bits=22
 * @param viewPort port of the fleet's live view, or the first free one above when taken (--view-port, default 8080);
 * 0 for no view
 */
public record FleetOptions(int miners, int firstPort, String brokerHost, int brokerPort,
		Optional<String> externalBroker, Optional<Path> dataDir, List<String> minerArguments, int viewPort) {

	public static final String USAGE = """
			Usage: java -jar minerfleet.jar [fleet] [options] [--miner.setting=value ...]
			  --miners=N          number of miners (default 3)
			  --first-port=P      HTTP port of the first miner, the others follow (default 8081)
			  --broker-port=P     port of the embedded MQTT broker (default 1883; a free one is taken if busy)
			  --broker-host=H     address the embedded broker listens on (default 127.0.0.1)
			  --mqtt.url=URL      use this MQTT broker instead of the embedded one (or env MQTT_URL)
			  --data-dir=DIR      keep each miner's blocks in DIR/<miner-id> across restarts (default: in memory)
			  --view-port=P       port of the fleet's live web view (default 8080; a free one is taken if busy; 0: none)
			  --help              this text
			Any other --key=value goes to every miner, e.g. --chain.difficulty-bits=22 --generator.interval=500ms;
			--miner-N.key=value goes to miner-N only, e.g. --miner-1.mining.max-hash-rate=800000 (one large miner).
			Other modes: 'miner' runs one miner (Spring Boot app), 'check' checks a running fleet.""";

	public FleetOptions {
		minerArguments = List.copyOf(minerArguments);
		if (miners < 1 || miners > 200) {
			throw new IllegalArgumentException("--miners must be between 1 and 200, got " + miners);
		}
		checkPort("--first-port", firstPort);
		checkPort("--broker-port", brokerPort);
		if (viewPort != 0) {
			checkPort("--view-port", viewPort);
		}
	}

	/** A fleet without a live view, as the experiment runner starts them. */
	public FleetOptions(int miners, int firstPort, String brokerHost, int brokerPort, Optional<String> externalBroker,
			Optional<Path> dataDir, List<String> minerArguments) {
		this(miners, firstPort, brokerHost, brokerPort, externalBroker, dataDir, minerArguments, 0);
	}

	private static void checkPort(String option, int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException(option + " must be a TCP port (1-65535), got " + port);
		}
	}

	/**
	 * Parses the command line.
	 * @throws IllegalArgumentException with a message for the user when it is not understood
	 */
	public static FleetOptions parse(List<String> args, Map<String, String> environment) {
		int miners = 3;
		int firstPort = 8081;
		String brokerHost = "127.0.0.1";
		int brokerPort = 1883;
		int viewPort = 8080;
		String external = environment.get("MQTT_URL");
		Path dataDir = null;
		List<String> passOn = new ArrayList<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("not understood: '" + arg + "' (options look like --key=value)");
			}
			String key = arg.substring(2, arg.indexOf('='));
			String value = arg.substring(arg.indexOf('=') + 1);
			switch (key) {
				case "miners" -> miners = integer(key, value);
				case "first-port" -> firstPort = integer(key, value);
				case "broker-port" -> brokerPort = integer(key, value);
				case "broker-host" -> brokerHost = value;
				case "view-port" -> viewPort = integer(key, value);
				case "mqtt.url" -> external = value;
				case "data-dir" -> dataDir = path(key, value);
				case "miner.id", "server.port" -> throw new IllegalArgumentException(
						"--" + key + " is set per miner by the fleet; use --first-port, or the 'miner' mode for one miner");
				case "storage.data-dir" -> throw new IllegalArgumentException(
						"--storage.data-dir would give every miner the same directory; use --data-dir=DIR, which gives"
								+ " each miner DIR/<miner-id>");
				default -> passOn.add(perMinerChecked(arg, key));
			}
		}
		for (String arg : passOn) {
			Matcher perMiner = PER_MINER.matcher(arg);
			if (perMiner.matches() && Integer.parseInt(perMiner.group(1)) > miners) {
				throw new IllegalArgumentException(
						"'" + arg + "' names miner-" + perMiner.group(1) + ", but the fleet has " + miners + " miners");
			}
		}
		return new FleetOptions(miners, firstPort, brokerHost, brokerPort,
				Optional.ofNullable(external).filter(url -> !url.isBlank()), Optional.ofNullable(dataDir), passOn,
				viewPort);
	}

	/** {@code --miner-<n>.<key>=<value>}: a setting for one miner of the fleet. */
	private static final Pattern PER_MINER = Pattern.compile("--miner-([1-9][0-9]{0,2})\\.([^=]+)=(.*)", Pattern.DOTALL);

	private static String perMinerChecked(String arg, String key) {
		Matcher perMiner = PER_MINER.matcher(arg);
		if (perMiner.matches() && List.of("miner.id", "server.port", "storage.data-dir").contains(perMiner.group(2))) {
			throw new IllegalArgumentException("--" + key + " is set per miner by the fleet");
		}
		return arg;
	}

	/**
	 * The settings for the miner {@code minerId}: those for every miner, except where one was given to it alone with
	 * {@code --<miner id>.key=value}, which takes that setting's place (Spring would join two values of one setting
	 * with a comma rather than take the later).
	 */
	List<String> argumentsFor(String minerId) {
		Map<String, String> own = new LinkedHashMap<>();
		for (String arg : minerArguments) {
			Matcher perMiner = PER_MINER.matcher(arg);
			if (perMiner.matches() && minerId.equals("miner-" + perMiner.group(1))) {
				own.put(perMiner.group(2), "--" + perMiner.group(2) + "=" + perMiner.group(3));
			}
		}
		List<String> arguments = new ArrayList<>();
		for (String arg : minerArguments) {
			if (!PER_MINER.matcher(arg).matches() && !own.containsKey(arg.substring(2, arg.indexOf('=')))) {
				arguments.add(arg);
			}
		}
		arguments.addAll(own.values());
		return arguments;
	}

	private static Path path(String key, String value) {
		if (value.isBlank()) {
			throw new IllegalArgumentException("--" + key + " needs a directory");
		}
		try {
			return Path.of(value.trim());
		}
		catch (java.nio.file.InvalidPathException ex) {
			throw new IllegalArgumentException("--" + key + " is not a path: " + ex.getMessage());
		}
	}

	/** The data directory of the miner {@code minerId}, when the fleet keeps blocks. */
	Optional<Path> dataDirOf(String minerId) {
		return dataDir.map(dir -> dir.resolve(minerId));
	}

	private static int integer(String key, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + value + "'");
		}
	}

	/** Whether the user chose the mining state; if not, the fleet holds mining until every miner is up. */
	boolean setsMiningEnabled() {
		return minerArguments.stream()
			.anyMatch(arg -> arg.startsWith("--mining.enabled=") || (PER_MINER.matcher(arg).matches()
					&& arg.substring(arg.indexOf('.') + 1).startsWith("mining.enabled=")));
	}

}
