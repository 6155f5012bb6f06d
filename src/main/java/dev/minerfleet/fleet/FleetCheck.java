package dev.minerfleet.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.BlockHeader;
import dev.minerfleet.chain.Blockchain;
import dev.minerfleet.chain.ChainParameters;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Target;
import dev.minerfleet.chain.Transaction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code /chain} and {@code /chain/parameters} from every miner of a fleet, over plain HTTP
 * as any outside tool would, and reports each miner's height and tip, the height up to which all
 * agree, the branches seen above it, and whether every chain passes validation when replayed from
 * its JSON alone into a fresh block tree built from the miner's published parameters. Reading every chain takes a
 * while on a large fleet that goes on mining meanwhile, so the check first reads every miner's tip height at about one
 * moment ({@link #tipHeights}): how far the miners are apart now.
 */
public final class FleetCheck {

	private static final int PAGE = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	public FleetCheck(HttpClient http) {
		this.http = http;
	}

	/**
	 * What one miner showed.
	 *
	 * @param finders the miner paid by each block of {@code chain}'s coinbase, genesis ({@code ""}) included, as the
	 * replay read them; empty when the chain could not be read
	 * @param hashrate the miner's hash rate from {@code /status}, 0 when unknown
	 */
	public record MinerReport(URI url, String minerId, List<Hash> chain, Optional<String> invalid,
			Optional<String> unreachable, Optional<String> parameters, List<String> finders, double hashrate) {

		public MinerReport {
			chain = List.copyOf(chain);
			finders = List.copyOf(finders);
		}

		public MinerReport(URI url, String minerId, List<Hash> chain, Optional<String> invalid,
				Optional<String> unreachable) {
			this(url, minerId, chain, invalid, unreachable, Optional.empty(), List.of(), 0);
		}

		public int height() {
			return chain.size() - 1;
		}

		public Optional<Hash> tip() {
			return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
		}

		public boolean isHealthy() {
			return invalid.isEmpty() && unreachable.isEmpty();
		}

	}

	/** The whole fleet: per miner, the agreed prefix, and the branches above it. */
	public record FleetReport(List<MinerReport> miners, int agreedHeight, Optional<Hash> agreedHash,
			Map<Hash, List<String>> tips) {

		public boolean allValid() {
			return miners.stream().allMatch(MinerReport::isHealthy);
		}

		public void print(PrintStream out) {
			out.printf("%-10s  %-26s  %7s  %-12s  %s%n", "MINER", "URL", "HEIGHT", "TIP", "CHAIN");
			for (MinerReport miner : miners) {
				String state = miner.unreachable().map(reason -> "UNREACHABLE: " + reason)
					.or(() -> miner.invalid().map(reason -> "INVALID: " + reason))
					.orElse("valid");
				out.printf("%-10s  %-26s  %7s  %-12s  %s%n", miner.minerId(), miner.url(),
						miner.unreachable().isPresent() ? "-" : Integer.toString(miner.height()),
						miner.tip().map(Hash::abbreviated).orElse("-"), state);
			}
			out.println();
			if (agreedHash.isPresent()) {
				out.printf("All reachable miners agree up to height %d (%s).%n", agreedHeight,
						agreedHash.get().abbreviated());
			}
			else {
				out.println("The miners share no block: not even genesis (different chain settings?).");
			}
			if (tips.size() <= 1) {
				out.println("One branch: no fork at the tip (miners behind on it are still catching up).");
			}
			else {
				out.printf("%d branches at the tip, forked above height %d:%n", tips.size(), agreedHeight);
				tips.forEach((tip, holders) -> out.printf("  %s with %s%n", tip.abbreviated(), holders));
			}
			printShares(out);
			out.println(allValid() ? "Every chain is valid." : "Some miners failed: see above.");
		}

		/**
		 * Each miner's share of the fleet's hash rate beside its share of the blocks of the agreed chain: whether
		 * blocks follow hash power. Printed when the agreed chain holds a block and some hash rate is known.
		 */
		private void printShares(PrintStream out) {
			Optional<MinerReport> reference = miners.stream()
				.filter(miner -> miner.finders().size() > agreedHeight && agreedHeight >= 1)
				.findFirst();
			double totalRate = miners.stream().mapToDouble(MinerReport::hashrate).sum();
			if (reference.isEmpty() || totalRate <= 0) {
				return;
			}
			Map<String, Long> blocks = new LinkedHashMap<>();
			reference.get().finders().subList(1, agreedHeight + 1).forEach(finder -> blocks.merge(finder, 1L, Long::sum));
			out.printf("%nHash power and blocks of the agreed chain (#1..#%d):%n", agreedHeight);
			out.printf("%-10s  %14s  %6s  %7s  %6s%n", "MINER", "HASHES/S", "SHARE", "BLOCKS", "SHARE");
			for (MinerReport miner : miners) {
				if (miner.unreachable().isPresent()) {
					continue;
				}
				long found = blocks.getOrDefault(miner.minerId(), 0L);
				out.printf(Locale.ROOT, "%-10s  %,14.0f  %5.1f%%  %7d  %5.1f%%%n", miner.minerId(), miner.hashrate(),
						100 * miner.hashrate() / totalRate, found, 100.0 * found / agreedHeight);
			}
		}

	}

	/**
	 * The tip heights of the miners that answered {@code /status} in one pass that asks all of them at once, and how
	 * long that pass took.
	 */
	public record TipHeights(List<Integer> heights, Duration readIn) {

		public TipHeights {
			heights = List.copyOf(heights);
		}

		public int lowest() {
			return heights.stream().mapToInt(Integer::intValue).min().orElse(-1);
		}

		public int highest() {
			return heights.stream().mapToInt(Integer::intValue).max().orElse(-1);
		}

		public void print(PrintStream out, int asked) {
			if (heights.isEmpty()) {
				out.printf("Tip heights: none of the %d miners answered /status.%n", asked);
				return;
			}
			out.printf("Tip heights read at one moment (%d of %d miners answered within %d ms): lowest %d, highest %d, "
					+ "%d apart.%n", heights.size(), asked, readIn.toMillis(), lowest(), highest(), highest() - lowest());
		}

	}

	/** Reads the tip height of every miner at these base URLs, asking them all at once; a miner that fails is left out. */
	public TipHeights tipHeights(List<URI> urls) {
		long start = System.nanoTime();
		List<CompletableFuture<Optional<Integer>>> answers = urls.stream()
			.map(url -> http
				.sendAsync(request(url.resolve("/status")), HttpResponse.BodyHandlers.ofByteArray())
				.thenApply(FleetCheck::height)
				.exceptionally(failure -> Optional.empty()))
			.toList();
		List<Integer> heights = answers.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
		return new TipHeights(heights, Duration.ofNanos(System.nanoTime() - start));
	}

	private static Optional<Integer> height(HttpResponse<byte[]> response) {
		if (response.statusCode() != 200) {
			return Optional.empty();
		}
		JsonNode height = JSON.readTree(response.body()).get("height");
		return (height != null && height.isInt()) ? Optional.of(height.asInt()) : Optional.empty();
	}

	/** Checks the miners at these base URLs. */
	public FleetReport check(List<URI> urls) {
		List<MinerReport> reports = new ArrayList<>();
		for (URI url : urls) {
			reports.add(checkMiner(url));
		}
		return summarize(withParametersCompared(reports));
	}

	/**
	 * Miners whose consensus settings differ from the first readable miner's fork from it sooner
	 * or later, even with the same genesis: each such miner is marked invalid.
	 */
	static List<MinerReport> withParametersCompared(List<MinerReport> reports) {
		Optional<String> reference = reports.stream().map(MinerReport::parameters).flatMap(Optional::stream).findFirst();
		String referenceMiner = reports.stream()
			.filter(report -> report.parameters().isPresent())
			.map(MinerReport::minerId)
			.findFirst()
			.orElse("");
		List<MinerReport> compared = new ArrayList<>();
		for (MinerReport report : reports) {
			boolean differs = reference.isPresent() && report.parameters().isPresent()
					&& !report.parameters().equals(reference);
			compared.add((differs && report.invalid().isEmpty())
					? new MinerReport(report.url(), report.minerId(), report.chain(),
							Optional.of("chain parameters differ from " + referenceMiner + "'s: "
									+ report.parameters().get()),
							report.unreachable(), report.parameters(), report.finders(), report.hashrate())
					: report);
		}
		return compared;
	}

	/** Agreement and branches over what each miner showed. */
	static FleetReport summarize(List<MinerReport> reports) {
		// miners whose chain could not be read, or not even its genesis, take no part in agreement
		List<MinerReport> reachable = reports.stream().filter(report -> report.tip().isPresent()).toList();
		int agreed = -1;
		if (!reachable.isEmpty()) {
			int shortest = reachable.stream().mapToInt(MinerReport::height).min().orElse(-1);
			for (int h = 0; h <= shortest; h++) {
				Hash reference = reachable.get(0).chain().get(h);
				int height = h;
				if (reachable.stream().allMatch(report -> report.chain().get(height).equals(reference))) {
					agreed = h;
				}
				else {
					break;
				}
			}
		}
		// a tip that another miner's chain holds below its own tip is that miner's past, not a fork:
		// only the tips no other chain has passed are branches, each with every miner on it
		Map<Hash, List<String>> tips = new LinkedHashMap<>();
		for (MinerReport report : reachable) {
			report.tip().filter(tip -> isBranchTip(tip, reachable)).ifPresent(tip -> tips.put(tip, new ArrayList<>()));
		}
		for (MinerReport report : reachable) {
			for (Map.Entry<Hash, List<String>> branch : tips.entrySet()) {
				if (holdsOrLeadsTo(report, branch.getKey(), reachable)) {
					branch.getValue().add(report.minerId());
				}
			}
		}
		Optional<Hash> agreedHash = (agreed >= 0) ? Optional.of(reachable.get(0).chain().get(agreed))
				: Optional.empty();
		return new FleetReport(reports, agreed, agreedHash, tips);
	}

	private static boolean isBranchTip(Hash tip, List<MinerReport> miners) {
		return miners.stream().noneMatch(other -> other.chain().indexOf(tip) >= 0 && !other.tip().get().equals(tip));
	}

	/** Whether the miner is on this branch: its chain holds the branch tip, or the branch holds its tip. */
	private static boolean holdsOrLeadsTo(MinerReport miner, Hash branchTip, List<MinerReport> miners) {
		if (miner.chain().contains(branchTip)) {
			return true;
		}
		Hash own = miner.tip().orElseThrow();
		return miners.stream().anyMatch(other -> other.tip().get().equals(branchTip) && other.chain().contains(own));
	}

	private MinerReport checkMiner(URI url) {
		String fallbackId = url.getHost() + ":" + url.getPort();
		try {
			JsonNode parameters = get(url.resolve("/chain/parameters"));
			ChainParameters chainParameters = parameters(parameters);
			// the chain may change between pages; a second reading settles it
			Replay replay = replay(url, chainParameters, parameters.get("genesisHash").asString());
			if (replay.invalid().isPresent() && replay.invalid().get().startsWith("changed")) {
				replay = replay(url, chainParameters, parameters.get("genesisHash").asString());
			}
			JsonNode status = get(url.resolve("/status"));
			return new MinerReport(url, status.get("minerId").asString(), replay.hashes(), replay.invalid(),
					Optional.empty(), Optional.of(parameters.toString()), replay.finders(),
					status.path("hashrate").asDouble(0));
		}
		catch (IOException | JacksonException | IllegalArgumentException | NullPointerException ex) {
			return new MinerReport(url, fallbackId, List.of(), Optional.empty(), Optional.of(describe(ex)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new MinerReport(url, fallbackId, List.of(), Optional.empty(), Optional.of("interrupted"));
		}
	}

	/** The hashes read and replayed, the miner each block pays, and why the replay stopped early if it did. */
	private record Replay(List<Hash> hashes, List<String> finders, Optional<String> invalid) {
	}

	private Replay replay(URI url, ChainParameters parameters, String genesisHash)
			throws IOException, InterruptedException {
		Blockchain replica = new Blockchain(parameters, InstantSource.system());
		List<Hash> hashes = new ArrayList<>();
		List<String> finders = new ArrayList<>();
		int from = 0;
		int height = Integer.MAX_VALUE;
		while (from <= height) {
			JsonNode page = get(url.resolve("/chain?from=" + from + "&limit=" + PAGE));
			height = page.get("height").asInt();
			JsonNode blocks = page.get("blocks");
			if (blocks.isEmpty()) {
				break;
			}
			for (JsonNode node : blocks) {
				Block block = block(node);
				Hash claimed = Hash.fromHex(node.get("hash").asString());
				int h = node.get("height").asInt();
				if (!block.hash().equals(claimed)) {
					return new Replay(hashes, finders, Optional.of("block #" + h + " claims hash " + claimed.abbreviated()
							+ " but its header hashes to " + block.hash().abbreviated()));
				}
				if (h == 0) {
					if (!claimed.hex().equals(genesisHash) || !claimed.equals(replica.snapshot().genesis().hash())) {
						return new Replay(hashes, finders, Optional.of("genesis " + claimed.abbreviated()
								+ " does not derive from the published chain parameters"));
					}
					hashes.add(claimed);
					finders.add("");
					continue;
				}
				AddResult result = replica.add(block);
				if (result instanceof AddResult.Rejected rejected) {
					return new Replay(hashes, finders, Optional.of("block #" + h + " " + claimed.abbreviated() + ": "
							+ rejected.violation().reason() + " (" + rejected.violation().detail() + ")"));
				}
				if (!(result instanceof AddResult.Extended)) {
					return new Replay(hashes, finders, Optional.of("changed while reading: block #" + h + " does not extend #"
							+ (h - 1)));
				}
				hashes.add(claimed);
				finders.add(block.miner());
			}
			from += blocks.size();
		}
		return new Replay(hashes, finders, Optional.empty());
	}

	private static HttpRequest request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
	}

	private JsonNode get(URI uri) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = http.send(request(uri), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException("GET " + uri.getPath() + " answered " + response.statusCode());
		}
		return JSON.readTree(response.body());
	}

	private static ChainParameters parameters(JsonNode node) {
		return new ChainParameters(node.get("version").asInt(), node.get("genesisTimestamp").asLong(),
				Target.fromCompact((int) Long.parseLong(node.get("initialBits").asString(), 16)),
				node.get("retargetInterval").asInt(), Duration.ofMillis(node.get("targetBlockIntervalMillis").asLong()),
				Duration.ofMillis(node.get("maxFutureDriftMillis").asLong()), node.get("maxBlockTransactions").asInt(),
				node.get("maxBlockBytes").asLong(), node.get("medianTimeSpan").asInt(),
				node.get("orphanPoolSize").asInt(), node.get("blockReward").asLong(),
				node.path("doubleSpendRule").asBoolean(false));
	}

	private static Block block(JsonNode node) {
		List<Transaction> transactions = new ArrayList<>();
		for (JsonNode tx : node.get("transactions")) {
			transactions.add(new Transaction(Hash.fromHex(tx.get("id").asString()), tx.get("sender").asString(),
					tx.get("receiver").asString(), tx.get("amount").asLong(), tx.get("payload").asString(),
					tx.get("createdAt").asLong(), tx.get("origin").asString()));
		}
		BlockHeader header = new BlockHeader((int) node.get("version").asLong(),
				Hash.fromHex(node.get("previousHash").asString()), Hash.fromHex(node.get("merkleRoot").asString()),
				node.get("timestamp").asLong(), (int) Long.parseLong(node.get("bits").asString(), 16),
				(int) node.get("nonce").asLong());
		return new Block(header, transactions);
	}

	private static String describe(Exception ex) {
		if (ex instanceof java.net.ConnectException) {
			return "connection refused";
		}
		return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
	}

	// ---- command line

	public static final String USAGE = """
			Usage: java -jar minerfleet.jar check [--miners=N] [--first-port=P] [--host=H] | [--urls=URL,URL,...]
			  --miners=N       miners on consecutive ports (default 3)
			  --first-port=P   port of the first miner (default 8081)
			  --host=H         host of the miners (default localhost)
			  --urls=...       explicit base URLs instead, comma separated
			Exit status: 0 every miner reachable and valid, 1 otherwise, 2 usage error.""";

	/** Runs the check from the command line; returns the exit status. */
	public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
		List<URI> urls;
		try {
			urls = urls(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("minerfleet check: " + ex.getMessage());
			err.println(USAGE);
			return 2;
		}
		if (urls.isEmpty()) {
			out.println(USAGE);
			return 0;
		}
		FleetCheck check = new FleetCheck(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
		check.tipHeights(urls).print(out, urls.size());
		out.println();
		FleetReport report = check.check(urls);
		report.print(out);
		return report.allValid() ? 0 : 1;
	}

	static List<URI> urls(List<String> args) {
		int miners = 3;
		int firstPort = 8081;
		String host = "localhost";
		List<URI> explicit = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				return List.of();
			}
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("not understood: '" + arg + "'");
			}
			String key = arg.substring(2, arg.indexOf('='));
			String value = arg.substring(arg.indexOf('=') + 1);
			try {
				switch (key) {
					case "miners" -> miners = Integer.parseInt(value);
					case "first-port" -> firstPort = Integer.parseInt(value);
					case "host" -> host = value;
					case "urls" -> {
						for (String url : value.split(",")) {
							explicit.add(URI.create(url.trim().replaceAll("/+$", "")));
						}
					}
					default -> throw new IllegalArgumentException("unknown option --" + key);
				}
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + value + "'");
			}
		}
		if (!explicit.isEmpty()) {
			return explicit;
		}
		if (miners < 1) {
			throw new IllegalArgumentException("--miners must be at least 1");
		}
		List<URI> urls = new ArrayList<>();
		for (int i = 0; i < miners; i++) {
			urls.add(URI.create("http://" + host + ":" + (firstPort + i)));
		}
		return urls;
	}

}
