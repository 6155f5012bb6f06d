package dev.minerfleet.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool.Admission;
import dev.minerfleet.node.NodeObserver;

/** Records the ids of the transactions a miner created, so a test can look for every one of them. */
public class RecordingObserver implements NodeObserver {

	private final Set<Hash> created = ConcurrentHashMap.newKeySet();

	@Override
	public void transactionCreated(Transaction transaction, Admission admission) {
		if (admission.isAdded()) {
			created.add(transaction.id());
		}
	}

	public Set<Hash> created() {
		return Set.copyOf(created);
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		RecordingObserver recordingObserver() {
			return new RecordingObserver();
		}

	}

}
