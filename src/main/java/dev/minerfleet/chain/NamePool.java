package dev.minerfleet.chain;

/**
 * One shared instance for equal names (a transaction's sender, receiver and origin). Every miner decodes its own
 * copy of every transaction, and the chain keeps them all: a fleet's few dozen people and miner ids would otherwise
 * be stored again in every transaction, three strings of about 50 bytes each, a third of what a stored transaction
 * holds.
 *
 * <p>A direct-mapped cache of {@value #SLOTS} slots, not {@link String#intern()}: a lookup is a hash and an
 * {@code equals}, with no lock and no native table that hostile names could grow. Names that collide in a slot take
 * turns and are then merely not shared, so a sender choosing names cannot do worse than that. Slots are read and
 * written without synchronisation: a {@code String} is immutable and safely published through its final fields, so
 * a reader sees either nothing, or a whole string it then compares.
 */
final class NamePool {

	static final int SLOTS = 4096;

	private static final String[] POOL = new String[SLOTS];

	private NamePool() {
	}

	/** An instance equal to {@code name}: the pooled one when the pool holds it, else {@code name}, pooled now. */
	static String canonical(String name) {
		int slot = slot(name);
		String pooled = POOL[slot];
		if (pooled != null && pooled.hashCode() == name.hashCode() && pooled.equals(name)) {
			return pooled;
		}
		POOL[slot] = name;
		return name;
	}

	static int slot(String name) {
		int hash = name.hashCode();
		return (hash ^ (hash >>> 16)) & (SLOTS - 1);
	}

}
