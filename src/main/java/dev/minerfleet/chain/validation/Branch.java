package dev.minerfleet.chain.validation;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.StoredBlock;
import dev.minerfleet.chain.Target;

/** What a branch rule may ask about the branch a new block would extend. */
public interface Branch {

	/** The block the new one would extend. */
	StoredBlock parent();

	/** The target every block at {@code parent().height() + 1} on this branch must carry. */
	Target expectedTarget();

	/** Median timestamp of the last blocks up to the parent (Bitcoin's median time past). */
	long medianTimePast();

	/** Whether a transaction with this id is in the parent or any of its ancestors. */
	boolean confirms(Hash transactionId);

	/** Whether a transaction spending this coin is in the parent or any of its ancestors. */
	boolean spends(String coin);

}
