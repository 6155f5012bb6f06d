package dev.minerfleet.bench;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * The collector's stop-the-world pauses in this JVM, as {@link System#nanoTime} intervals, from JFR's
 * {@code jdk.GCPhasePause} events streamed in-process (every collector, G1's young and mixed pauses, ZGC's and
 * Shenandoah's short ones alike; not the concurrent phases, which run beside the application). An event's start is
 * a wall-clock instant, placed on the nanoTime line by one offset taken when recording starts. (The garbage collection
 * notifications of the management beans were tried first: their start times, counted from JVM start, came out about
 * 30 ms off the nanoTime of the same moment.)
 */
final class GcPauses implements AutoCloseable {

	/** A pause, in nanoTime. */
	record Pause(long startNanos, long endNanos) {

		long overlapNanos(long from, long to) {
			return Math.max(0, Math.min(to, endNanos) - Math.max(from, startNanos));
		}

	}

	private final List<Pause> pauses = new CopyOnWriteArrayList<>();

	private final RecordingStream stream = new RecordingStream();

	/** nanoTime minus the wall clock's nanoseconds since the epoch, at one moment. */
	private final long offsetNanos;

	private GcPauses() {
		Instant now = Instant.now();
		long nanos = System.nanoTime();
		offsetNanos = nanos - (now.getEpochSecond() * 1_000_000_000L + now.getNano());
	}

	/** Starts recording; pauses from now on are kept, each once JFR has flushed it (about a second later). */
	static GcPauses record() {
		GcPauses recorder = new GcPauses();
		recorder.stream.enable("jdk.GCPhasePause");
		recorder.stream.onEvent("jdk.GCPhasePause", recorder::add);
		recorder.stream.startAsync();
		return recorder;
	}

	private void add(RecordedEvent event) {
		Instant start = event.getStartTime();
		long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano() + offsetNanos;
		pauses.add(new Pause(startNanos, startNanos + event.getDuration().toNanos()));
	}

	/** Milliseconds of pause between two nanoTime instants. */
	double pausedMillis(long fromNanos, long toNanos) {
		return pauses.stream().mapToLong(pause -> pause.overlapNanos(fromNanos, toNanos)).sum() / 1e6;
	}

	int count() {
		return pauses.size();
	}

	@Override
	public void close() {
		stream.close();
	}

}
