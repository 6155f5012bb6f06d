/**
 * The experiment runner: local fleets under dialled-in network delays, the stale-block rate each one shows, and the
 * model's prediction beside it (docs/experiments.md).
 */
@NullMarked
package dev.minerfleet.experiment;

import org.jspecify.annotations.NullMarked;
