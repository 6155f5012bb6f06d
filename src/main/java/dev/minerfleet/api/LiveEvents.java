package dev.minerfleet.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.ChainListener;
import dev.minerfleet.chain.ChainSnapshot;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.network.NetworkControl;
import dev.minerfleet.node.ChainHistory;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.MinerControl;

/**
 * The server-sent events of GET /events: each block that joins the tree, each new tip, each reorganisation, each
 * block's arrival and each orphan as it happens, and this miner's status every second. Events are built on the thread that caused them and
 * sent on one thread of their own ({@code view-events-<miner id>}), so a slow client never holds up the chain; with
 * no client connected nothing is built at all. Every event's JSON names its {@code source}, this miner, so streams of
 * several miners can be merged (the local fleet's view does).
 */
@Component
class LiveEvents implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

	static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);

	private final ChainService chain;

	private final ChainHistory history;

	private final MinerControl mining;

	private final NetworkControl network;

	private final List<SseEmitter> clients = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService sender;

	private volatile boolean running;

	/** A block joined this miner's tree. */
	record BlockEvent(String source, TreeView.Node block) {
	}

	/** The active chain has a new tip. */
	record TipEvent(String source, int height, String tip) {
	}

	/** The active chain switched branch. */
	record ReorgEvent(String source, ReorgView reorg) {
	}

	/** A block came whose parent is unknown here. */
	record OrphanEvent(String source, TreeView.Orphan orphan) {
	}

	/** This miner at a glance, every second. */
	record StatusEvent(String source, int height, String tip, int mempoolSize, double hashrate, String mining,
			long reorgs, int orphans, int knownBlocks, NetworkView network) {
	}

	/** When a block came here and from whom. */
	record ArrivalEvent(String source, ArrivalView arrival) {
	}

	LiveEvents(ChainService chain, ChainHistory history, MinerControl mining, NetworkControl network) {
		this.chain = chain;
		this.history = history;
		this.mining = mining;
		this.network = network;
		this.sender = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "view-events-" + chain.minerId());
			thread.setDaemon(true);
			return thread;
		});
		history.onArrival(arrival -> {
			if (!clients.isEmpty()) {
				publish("arrival", new ArrivalEvent(chain.minerId(), ArrivalView.of(arrival)));
				if (arrival.orphan()) {
					history.orphans()
						.stream()
						.filter(block -> block.hash().equals(arrival.hash()))
						.findFirst()
						.ifPresent(block -> publish("orphan", orphanEvent(block)));
				}
			}
		});
		chain.chain().addListener(new ChainListener() {
			@Override
			public void blockAccepted(StoredBlock block) {
				if (!clients.isEmpty()) {
					// before the tip change this block may cause: the tip event that follows says where it stands
					publish("block", new BlockEvent(chain.minerId(),
							TreeView.Node.of(block, false, history.arrival(block.hash()))));
				}
			}

			@Override
			public void reorganized(ChainReorganized event) {
				// the reorganisation log heard it first: it was registered before this listener
				if (!clients.isEmpty()) {
					history.reorgs(1)
						.stream()
						.findFirst()
						.ifPresent(reorg -> publish("reorg", new ReorgEvent(chain.minerId(), ReorgView.of(reorg))));
				}
			}

			@Override
			public void tipChanged(TipChanged event) {
				if (!clients.isEmpty()) {
					publish("tip", new TipEvent(chain.minerId(), event.newTip().height(), event.newTip().hash().hex()));
				}
			}
		});
	}

	private OrphanEvent orphanEvent(Block block) {
		return new OrphanEvent(chain.minerId(), TreeView.Orphan.of(block, history.arrival(block.hash())));
	}

	/** A new client: it gets this miner's status at once, then every event. */
	SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(0L);
		emitter.onCompletion(() -> clients.remove(emitter));
		emitter.onTimeout(() -> clients.remove(emitter));
		emitter.onError(error -> clients.remove(emitter));
		clients.add(emitter);
		sender.execute(() -> send(emitter, "status", status()));
		return emitter;
	}

	private void publish(String name, Object data) {
		if (running) {
			sender.execute(() -> clients.forEach(client -> send(client, name, data)));
		}
	}

	private void send(SseEmitter client, String name, Object data) {
		try {
			client.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away: forget it
			clients.remove(client);
			log.debug("Live view client dropped: {}", ex.getMessage());
		}
	}

	private StatusEvent status() {
		ChainSnapshot view = chain.snapshot();
		return new StatusEvent(chain.minerId(), view.height(), view.tip().hash().hex(), chain.mempool().size(),
				mining.hashRate(), MiningView.state(mining), chain.statistics().reorganizations(),
				chain.chain().orphanCount(), chain.chain().knownBlocks(), NetworkView.of(network.current()));
	}

	int clientCount() {
		return clients.size();
	}

	@Override
	public void start() {
		running = true;
		long period = STATUS_INTERVAL.toMillis();
		sender.scheduleAtFixedRate(() -> {
			if (!clients.isEmpty()) {
				StatusEvent status = status();
				clients.forEach(client -> send(client, "status", status));
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	/** Before the web server's graceful shutdown, which would otherwise wait for these endless responses. */
	@Override
	public void stop() {
		running = false;
		sender.shutdownNow();
		clients.forEach(SseEmitter::complete);
		clients.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
