package dev.minerfleet.storage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start-up stopped by the data directory reads as what happened and what to do, not as a stack trace. */
final class StorageFailureAnalyzer extends AbstractFailureAnalyzer<StorageException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StorageException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
