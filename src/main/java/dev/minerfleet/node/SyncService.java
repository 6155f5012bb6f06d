package dev.minerfleet.node;

import java.math.BigInteger;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import dev.minerfleet.chain.AddResult;
import dev.minerfleet.chain.AddResult.Orphaned;
import dev.minerfleet.chain.AddResult.Rejected;
import dev.minerfleet.chain.Block;
import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;

/**
 * Catch-up sync: a miner that missed blocks (it started late, or lost its broker for a while) asks for them; and it
 * serves the blocks other miners ask for. docs/protocol.md, "Catch-up sync", describes the exchange.
 *
 * <p>
 * <b>Asking.</b> A block from another miner that does not connect ({@link Orphaned}) starts a session with that miner,
 * unless {@code sync.max-sessions} run already: a request with this miner's block locator. Each block of the reply
 * goes through {@link ChainService#receiveSyncedBlock}, so through the same validation as any block; the first invalid
 * one ends the session. The next request goes, with the locator of the last block received, while the reply said
 * there is {@code more}, or while the newest block that miner sent and this one could not connect is still unknown;
 * the session ends when a reply adds nothing new or after {@code sync.max-blocks-per-session} new blocks. At most one
 * request per miner is pending, for {@code sync.request-timeout} at most; requests to one miner are
 * {@code sync.request-interval} apart, and at most {@code sync.max-requests-per-second} go out in all: the next
 * request of a session waits its turn on a timer, a request that would start a session is not sent. Replies to no
 * pending request are dropped.
 *
 * <p>
 * <b>Tips.</b> A block that does not connect arrives only when its finder finds the next one. So a miner that has
 * just (re)connected to the broker, after starting late, restarting or an outage, {@link #announceTip() announces} its
 * tip to all; every miner whose active chain has more work answers with its own tip (within the reply limits below),
 * and a tip with more work that this miner lacks, announced or answered, starts a session with its miner when no
 * session runs (one download at a time: the others would send the same blocks). Claimed work decides only whom to
 * ask; the blocks themselves decide the fork choice.
 *
 * <p>
 * <b>Serving.</b> A request gets the blocks of this miner's active chain after the first locator hash on it, at most
 * {@code sync.batch-size} whatever it asks; at most {@code sync.max-replies-per-second-per-peer} replies go to one
 * miner and {@code sync.max-replies-per-second} in all, answers to tips included, and requests beyond are ignored.
 *
 * <p>
 * Thread-safe: called on the MQTT client's thread, requests of waiting sessions go out on the timer's. Blocks are
 * submitted outside this object's lock.
 */
public class SyncService {

	private static final Logger log = LoggerFactory.getLogger(SyncService.class);

	/** Requesters whose replies are counted; beyond, the one heard from least recently is forgotten. */
	static final int MAX_TRACKED_REQUESTERS = 256;

	private static final Duration SECOND = Duration.ofSeconds(1);

	private static final HexFormat HEX = HexFormat.of();

	private final ChainService chain;

	private final SyncRequester requester;

	private final SyncResponder responder;

	private final TipPublisher tips;

	private final SyncProperties properties;

	private final InstantSource clock;

	private final RandomGenerator random;

	private final Scheduler scheduler;

	/** Guarded by this, as are the fields below. */
	private final Map<String, Session> sessions = new HashMap<>();

	private final RateLimit requests;

	private final RateLimit replies;

	private final Map<String, RateLimit> repliesTo = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, RateLimit> eldest) {
			return size() > MAX_TRACKED_REQUESTERS;
		}

	};

	/**
	 * @param random makes request ids; a reply must name the id of the pending request
	 * @param scheduler runs the next request of a session when the rate limits allow it
	 */
	SyncService(ChainService chain, SyncRequester requester, SyncResponder responder, TipPublisher tips,
			SyncProperties properties, InstantSource clock, RandomGenerator random, Scheduler scheduler) {
		this.chain = chain;
		this.requester = requester;
		this.responder = responder;
		this.tips = tips;
		this.properties = properties;
		this.clock = clock;
		this.random = random;
		this.scheduler = scheduler;
		this.requests = new RateLimit(properties.maxRequestsPerSecond(), SECOND, clock);
		this.replies = new RateLimit(properties.maxRepliesPerSecond(), SECOND, clock);
	}

	// ---- asking

	/**
	 * Hears what became of a block another miner broadcast: one that does not connect starts a sync session with that
	 * miner, unless one runs already (it then aims at this block).
	 */
	public void afterBlockReceived(String from, AddResult result) {
		afterBlockReceived(from, result, Optional.empty());
	}

	/**
	 * As {@link #afterBlockReceived(String, AddResult)}, for a block whose sender claims its branch holds
	 * {@code claimedWork}: one that does not connect starts a session only if it is {@link #worthCatchingUp}.
	 */
	public void afterBlockReceived(String from, AddResult result, Optional<BigInteger> claimedWork) {
		if (result instanceof Orphaned orphaned) {
			if (worthCatchingUp(claimedWork)) {
				startSession(from, orphaned.hash(), false);
			}
			else {
				log.debug("Not syncing towards block {} from {}: it claims no more work than this miner's chain",
						orphaned.hash().abbreviated(), from);
			}
		}
	}

	/**
	 * Whether a block this miner cannot connect, at the end of a branch its sender claims holds {@code claimedWork}
	 * (empty: the sender does not say), is worth fetching with the blocks before it. Only a branch with more work than
	 * this miner's active chain could become its active chain; in a wide fork most are not, and fetching each would
	 * cost every miner every branch (docs/benchmarks.md, "Fork storm"). A sender that claims too little only keeps its
	 * own blocks from being fetched until it claims more, or until its tip announcement, which carries the same claim,
	 * starts a session ({@link #tipHeard}). A claim decides only whether to ask: the blocks decide the fork choice.
	 */
	public boolean worthCatchingUp(Optional<BigInteger> claimedWork) {
		return claimedWork.isEmpty() || claimedWork.get().compareTo(chain.snapshot().tip().chainWork()) > 0;
	}

	/**
	 * Starts a session with {@code from}, which has block {@code wanted} that this miner lacks; when one runs with it
	 * already, aims it at {@code wanted}.
	 * @param onlyIfIdle start nothing while a session with any miner runs
	 */
	private void startSession(String from, Hash wanted, boolean onlyIfIdle) {
		if (from.equals(chain.minerId())) {
			return;
		}
		String requestId;
		synchronized (this) {
			long now = clock.millis();
			Session session = sessions.get(from);
			if (session != null && !session.expired(now)) {
				session.wanted = wanted;
				return;
			}
			if (session != null) {
				log.debug("Sync request {} to {} timed out", session.requestId, from);
				sessions.remove(from);
			}
			sessions.values().removeIf(other -> other.expired(now));
			if (onlyIfIdle && !sessions.isEmpty()) {
				log.debug("Not syncing from {} now: syncing from {} already", from, sessions.keySet());
				return;
			}
			if (sessions.size() >= properties.maxSessions()) {
				log.debug("Not syncing from {}: already syncing from {} miners", from, sessions.size());
				return;
			}
			if (!requests.tryAcquire()) {
				log.debug("Not syncing from {} now: sync.max-requests-per-second reached", from);
				return;
			}
			session = new Session(from, wanted);
			sessions.put(from, session);
			requestId = session.request(newRequestId(), now, properties.requestTimeout());
		}
		send(from, requestId, chain.chain().locator());
	}

	// ---- tips

	/**
	 * Announces this miner's tip to all: on every (re)connection to the broker.
	 * @return whether the announcement went out
	 */
	public boolean announceTip() {
		return announceTip(Level.INFO);
	}

	/**
	 * Announces this miner's tip again, as it does every {@code sync.announce-interval} while connected; logged at
	 * DEBUG only.
	 * @return whether the announcement went out
	 */
	public boolean announceTipAgain() {
		return announceTip(Level.DEBUG);
	}

	private boolean announceTip(Level level) {
		StoredBlock tip = chain.snapshot().tip();
		boolean sent = tips.announce(tip);
		if (sent) {
			log.atLevel(level).log("Announced tip #{} {} to the other miners", tip.height(), tip.hash().abbreviated());
		}
		return sent;
	}

	/**
	 * Hears another miner's tip: a tip with more work than this miner's that it lacks starts a session with
	 * {@code from} if none runs; an announced tip with less work is answered with this miner's tip, within the reply
	 * rate limits.
	 * @param announced whether {@code from} announced it to all, rather than answered this miner's announcement
	 */
	public void tipHeard(String from, Hash hash, BigInteger work, boolean announced) {
		if (from.equals(chain.minerId())) {
			return;
		}
		StoredBlock mine = chain.snapshot().tip();
		int comparison = work.compareTo(mine.chainWork());
		if (comparison > 0 && chain.findBlock(hash).isEmpty()) {
			log.debug("{} has tip {} with more work: syncing", from, hash.abbreviated());
			startSession(from, hash, true);
		}
		else if (comparison < 0 && announced && mayReplyTo(from)) {
			tips.answer(from, mine);
		}
	}

	/**
	 * Takes the reply to a pending request: submits each block, logs the round, then asks for the next batch or ends
	 * the session. A reply to no pending request of {@code peer} is dropped.
	 */
	public void handleReply(String peer, String requestId, List<Block> blocks, boolean more) {
		Session session;
		synchronized (this) {
			session = sessions.get(peer);
			if (session == null || !session.awaits(requestId)) {
				log.debug("Dropped blocks reply {} from {}: no such request pending", requestId, peer);
				return;
			}
			session.state = State.RECEIVING;
		}
		Round round;
		try {
			round = submit(peer, blocks);
		}
		catch (RuntimeException ex) {
			// a bug, not a bad block: end the session rather than leave it stuck, and let the caller report it
			synchronized (this) {
				sessions.remove(peer, session);
			}
			throw ex;
		}
		logRound(peer, blocks.size(), round);
		if (continues(session, round, more)) {
			resume(session);
		}
	}

	/**
	 * What one reply did.
	 * @param held blocks of the reply this miner held already, on any branch
	 */
	private record Round(int added, int held, int lowest, int highest, boolean rejected, Optional<StoredBlock> last) {
	}

	private Round submit(String peer, List<Block> blocks) {
		Set<Hash> known = new HashSet<>();
		for (Block block : blocks) {
			if (chain.findBlock(block.hash()).isPresent()) {
				known.add(block.hash());
			}
		}
		boolean rejected = false;
		for (Block block : blocks) {
			if (chain.receiveSyncedBlock(block, peer) instanceof Rejected) {
				rejected = true;
				break;
			}
		}
		int added = 0;
		int lowest = Integer.MAX_VALUE;
		int highest = -1;
		for (Block block : blocks) {
			Optional<StoredBlock> stored = known.contains(block.hash()) ? Optional.empty()
					: chain.findBlock(block.hash());
			if (stored.isPresent()) {
				added++;
				lowest = Math.min(lowest, stored.get().height());
				highest = Math.max(highest, stored.get().height());
			}
		}
		Optional<StoredBlock> last = blocks.isEmpty() ? Optional.empty()
				: chain.findBlock(blocks.get(blocks.size() - 1).hash());
		return new Round(added, known.size(), lowest, highest, rejected, last);
	}

	private void logRound(String peer, int received, Round round) {
		StoredBlock tip = chain.snapshot().tip();
		if (round.added() > 0 && round.held() > 0) {
			log.info("Synced {} blocks from {} (#{}..#{}; {} of the {} sent were here already), tip #{} {}",
					round.added(), peer, round.lowest(), round.highest(), round.held(), received, tip.height(),
					tip.hash().abbreviated());
		}
		else if (round.added() > 0) {
			log.info("Synced {} blocks from {} (#{}..#{}), tip #{} {}", round.added(), peer, round.lowest(),
					round.highest(), tip.height(), tip.hash().abbreviated());
		}
		else {
			log.info("Synced no new block from {} ({} received), tip #{} {}", peer, received, tip.height(),
					tip.hash().abbreviated());
		}
	}

	/**
	 * Whether the session goes on after {@code round}: then it waits for its next request, else it ends. It goes on
	 * while rounds add new blocks, up to the session's limit, and the peer is ahead: it said {@code more}, or the
	 * last block connected and the newest block the peer broadcast is still unknown.
	 */
	private synchronized boolean continues(Session session, Round round, boolean more) {
		String peer = session.peer;
		session.added += round.added();
		boolean peerAhead = more || (round.last().isPresent() && chain.findBlock(session.wanted).isEmpty());
		if (round.rejected()) {
			log.warn("Stopped syncing from {}: it sent an invalid block", peer);
		}
		else if (round.added() > 0 && peerAhead && session.added >= properties.maxBlocksPerSession()) {
			log.warn("Stopped syncing from {} after {} new blocks (sync.max-blocks-per-session)", peer,
					session.added);
		}
		else if (round.added() > 0 && peerAhead) {
			session.from = round.last().orElse(null);
			session.waitFor(clock.millis(), properties.requestTimeout());
			return true;
		}
		sessions.remove(peer, session);
		return false;
	}

	/** Zero when the next request of {@code session} may go now. */
	private Duration waitBeforeNextRequest(Session session) {
		Duration spacing = Duration.ofMillis(session.sentAt + properties.requestInterval().toMillis() - clock.millis());
		Duration limit = requests.waitTime();
		Duration wait = (spacing.compareTo(limit) > 0) ? spacing : limit;
		return wait.isNegative() ? Duration.ZERO : wait;
	}

	/**
	 * Sends the next request of a waiting session when the rate limits allow it now, else schedules this again for
	 * when they will.
	 */
	private void resume(Session session) {
		String peer = session.peer;
		String requestId;
		Optional<StoredBlock> from;
		synchronized (this) {
			if (sessions.get(peer) != session || session.state != State.WAITING) {
				return;
			}
			Duration wait = waitBeforeNextRequest(session);
			if (!wait.isZero() || !requests.tryAcquire()) {
				wait = wait.isZero() ? Duration.ofMillis(1) : wait;
				// should the timer never run it, the session expires like an unanswered request
				session.waitFor(clock.millis() + wait.toMillis(), properties.requestTimeout());
				scheduler.schedule(wait, () -> resume(session));
				return;
			}
			requestId = session.request(newRequestId(), clock.millis(), properties.requestTimeout());
			from = Optional.ofNullable(session.from);
		}
		send(peer, requestId, from.map(block -> chain.chain().locator(block)).orElseGet(chain.chain()::locator));
	}

	private void send(String peer, String requestId, List<Hash> locator) {
		if (!requester.requestBlocks(peer, requestId, locator, properties.batchSize())) {
			synchronized (this) {
				Session session = sessions.get(peer);
				if (session != null && session.awaits(requestId)) {
					sessions.remove(peer);
				}
			}
		}
	}

	private String newRequestId() {
		return HEX.toHexDigits(random.nextLong());
	}

	/** Miners a session runs with, for tests. */
	synchronized Set<String> syncingFrom() {
		return Set.copyOf(sessions.keySet());
	}

	// ---- serving

	/**
	 * Answers another miner's request with the blocks of this miner's active chain after the first hash of
	 * {@code locator} on it, at most {@code max} and at most {@code sync.batch-size}, unless the reply rate limits
	 * say no.
	 */
	public void answerRequest(String from, String requestId, List<Hash> locator, int max) {
		if (from.equals(chain.minerId())) {
			return;
		}
		if (!mayReplyTo(from)) {
			log.debug("Ignored sync request {} from {}: reply rate limit reached", requestId, from);
			return;
		}
		int limit = Math.min(Math.max(max, 0), properties.batchSize());
		List<StoredBlock> after = chain.chain().blocksAfter(locator, limit + 1);
		boolean more = after.size() > limit;
		List<Block> blocks = after.subList(0, Math.min(limit, after.size())).stream().map(StoredBlock::block).toList();
		int sent = responder.sendBlocks(from, requestId, blocks, more);
		if (log.isDebugEnabled() && sent > 0) {
			log.debug("Sent {} blocks (#{}..#{}) to {} for request {}", sent, after.get(0).height(),
					after.get(sent - 1).height(), from, requestId);
		}
	}

	/** Takes a reply from the rate limits: false when {@code to} or all requesters had their share this second. */
	private synchronized boolean mayReplyTo(String to) {
		RateLimit toRequester = repliesTo.computeIfAbsent(to,
				requester -> new RateLimit(properties.maxRepliesPerSecondPerPeer(), SECOND, clock));
		if (!toRequester.waitTime().isZero() || !replies.waitTime().isZero()) {
			return false;
		}
		toRequester.tryAcquire();
		replies.tryAcquire();
		return true;
	}

	// ---- sessions

	/** Runs a task after a delay, on another thread. */
	@FunctionalInterface
	interface Scheduler {

		void schedule(Duration delay, Runnable task);

		/** On the common pool, after the JDK's shared delay thread. */
		static Scheduler background() {
			return (delay, task) -> CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)
				.execute(() -> {
					try {
						task.run();
					}
					catch (RuntimeException ex) {
						log.error("Sync task failed", ex);
					}
				});
		}

	}

	private enum State {

		/** A request is pending. */
		REQUESTED,
		/** The reply's blocks are being submitted. */
		RECEIVING,
		/** The next request waits for the rate limits. */
		WAITING

	}

	/** Sync with one miner, from the block that started it to the reply that adds nothing new. */
	static final class Session {

		final String peer;

		/** The newest block of the peer's that did not connect here: the peer is ahead while it is unknown. */
		Hash wanted;

		State state = State.REQUESTED;

		@Nullable String requestId;

		long sentAt;

		long expiresAt;

		/** The last block received, whose branch the next locator describes; the active chain when null. */
		@Nullable StoredBlock from;

		long added;

		Session(String peer, Hash wanted) {
			this.peer = peer;
			this.wanted = wanted;
		}

		String request(String id, long now, Duration timeout) {
			state = State.REQUESTED;
			requestId = id;
			sentAt = now;
			expiresAt = now + timeout.toMillis();
			return id;
		}

		void waitFor(long until, Duration timeout) {
			state = State.WAITING;
			requestId = null;
			expiresAt = until + timeout.toMillis();
		}

		boolean awaits(String id) {
			return state == State.REQUESTED && id.equals(requestId);
		}

		boolean expired(long now) {
			return state != State.RECEIVING && now >= expiresAt;
		}

	}

}
