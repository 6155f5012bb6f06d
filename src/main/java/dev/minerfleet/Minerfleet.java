package dev.minerfleet;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.minerfleet.experiment.ExperimentOptions;
import dev.minerfleet.experiment.ExperimentRunner;
import dev.minerfleet.fleet.EmbeddedBroker;
import dev.minerfleet.fleet.FleetCheck;
import dev.minerfleet.fleet.FleetOptions;
import dev.minerfleet.fleet.LocalFleet;

/**
 * The jar's entry point, one mode per first argument: {@code fleet} (the default) starts a local
 * fleet on an embedded broker, {@code miner} runs one miner, {@code check} checks a running fleet,
 * {@code experiment} measures stale-block rates under network delays (docs/experiments.md).
 * The only class that writes to the standard streams: the modes are command-line front ends.
 */
public final class Minerfleet {

	private Minerfleet() {
	}

	public static void main(String[] args) {
		String mode = (args.length > 0 && !args[0].startsWith("-")) ? args[0] : "fleet";
		List<String> rest = Arrays.asList(args).subList((args.length > 0 && !args[0].startsWith("-")) ? 1 : 0,
				args.length);
		switch (mode) {
			case "miner" -> MinerApplication.main(rest.toArray(String[]::new));
			case "check" -> System.exit(FleetCheck.run(rest, System.getenv(), System.out, System.err));
			case "fleet" -> runFleet(rest, System.out, System.err);
			case "experiment" -> System.exit(runExperiment(rest, System.out, System.err));
			default -> {
				System.err.println("Unknown mode '" + mode + "': use fleet (default), miner, check or experiment.");
				System.err.println(FleetOptions.USAGE);
				System.exit(2);
			}
		}
	}

	private static void runFleet(List<String> args, PrintStream out, PrintStream err) {
		if (args.contains("--help") || args.contains("-h")) {
			out.println(FleetOptions.USAGE);
			return;
		}
		FleetOptions options;
		try {
			options = FleetOptions.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			err.println("minerfleet: " + ex.getMessage());
			err.println(FleetOptions.USAGE);
			System.exit(2);
			return;
		}
		LocalFleet fleet;
		try {
			fleet = LocalFleet.start(options, out);
		}
		catch (EmbeddedBroker.PortInUseException ex) {
			err.println("minerfleet: the embedded broker cannot listen: " + ex.getMessage()
					+ ". Pick another with --broker-port=N.");
			System.exit(1);
			return;
		}
		catch (Exception ex) {
			err.println("minerfleet: the fleet did not start: " + rootMessage(ex));
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			out.println("Stopping the fleet ...");
			fleet.close();
			stopped.countDown();
		}, "fleet-shutdown"));
		fleet.printTable(out);
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int runExperiment(List<String> args, PrintStream out, PrintStream err) {
		if (args.contains("--help") || args.contains("-h")) {
			out.println(ExperimentOptions.USAGE);
			return 0;
		}
		ExperimentOptions options;
		try {
			options = ExperimentOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("minerfleet: " + ex.getMessage());
			err.println(ExperimentOptions.USAGE);
			return 2;
		}
		try {
			new ExperimentRunner(options, out).run();
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
		catch (Exception ex) {
			err.println("minerfleet: the experiment failed: " + rootMessage(ex));
			return 1;
		}
	}

	private static String rootMessage(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause == error) ? String.valueOf(error.getMessage())
				: error.getMessage() + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
	}

}
