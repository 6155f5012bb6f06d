/**
 * The proof-of-work hot loop: hashing headers without allocating ({@link dev.minerfleet.mining.HeaderHasher}),
 * searching nonces ({@link dev.minerfleet.mining.NonceSearch}) and mining a
 * {@link dev.minerfleet.mining.BlockTemplate} into a block ({@link dev.minerfleet.mining.ProofOfWork}). Pure Java:
 * it depends on {@code dev.minerfleet.chain} and {@code java.*} only, and logs nothing.
 */
@NullMarked
package dev.minerfleet.mining;

import org.jspecify.annotations.NullMarked;
