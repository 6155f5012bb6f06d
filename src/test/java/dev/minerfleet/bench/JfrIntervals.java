package dev.minerfleet.bench;

import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * The intervals one kind of JFR event spans in this JVM, as {@link System#nanoTime} intervals, streamed in-process:
 * {@link #pauses()}, the collector's stop-the-world pauses ({@code jdk.GCPhasePause}: every collector, G1's young and
 * mixed pauses, ZGC's and Shenandoah's short ones alike; not the concurrent phases, which run beside the
 * application), and {@link #compilations()}, the JIT compilers' work ({@code jdk.Compilation}, every compilation
 * however short; a compiler thread runs beside the application, on the same cores). An event's start is a wall-clock
 * instant, placed on the nanoTime line by one offset taken when recording starts. (The garbage collection
 * notifications of the management beans were tried first: their start times, counted from JVM start, came out about
 * 30 ms off the nanoTime of the same moment.)
 */
final class JfrIntervals implements AutoCloseable {

	/** An event's interval, in nanoTime. */
	record Interval(long startNanos, long endNanos) {

		long overlapNanos(long from, long to) {
			return Math.max(0, Math.min(to, endNanos) - Math.max(from, startNanos));
		}

	}

	/** Appended to by JFR's thread, read by others: tens of thousands of compilations, so no copy on write. */
	private final Queue<Interval> intervals = new ConcurrentLinkedQueue<>();

	private final RecordingStream stream = new RecordingStream();

	/** nanoTime minus the wall clock's nanoseconds since the epoch, at one moment. */
	private final long offsetNanos;

	private JfrIntervals() {
		Instant now = Instant.now();
		long nanos = System.nanoTime();
		offsetNanos = nanos - (now.getEpochSecond() * 1_000_000_000L + now.getNano());
	}

	/** Starts recording the collector's pauses; each is kept once JFR has flushed it (about a second later). */
	static JfrIntervals pauses() {
		return record("jdk.GCPhasePause");
	}

	/** Starts recording the JIT compilations; each is kept once JFR has flushed it (about a second later). */
	static JfrIntervals compilations() {
		return record("jdk.Compilation");
	}

	private static JfrIntervals record(String event) {
		JfrIntervals recorder = new JfrIntervals();
		recorder.stream.enable(event).withoutThreshold();
		recorder.stream.onEvent(event, recorder::add);
		recorder.stream.startAsync();
		return recorder;
	}

	private void add(RecordedEvent event) {
		Instant start = event.getStartTime();
		long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano() + offsetNanos;
		intervals.add(new Interval(startNanos, startNanos + event.getDuration().toNanos()));
	}

	/**
	 * Milliseconds of the events between two nanoTime instants; events that overlap one another (two compiler
	 * threads at once) each count.
	 */
	double millisWithin(long fromNanos, long toNanos) {
		return intervals.stream().mapToLong(interval -> interval.overlapNanos(fromNanos, toNanos)).sum() / 1e6;
	}

	int count() {
		return intervals.size();
	}

	@Override
	public void close() {
		stream.close();
	}

}
