/**
 * The REST API of one miner: read-only views of its chain, blocks, transactions, mempool and
 * status, plus creating transactions, pausing mining and changing the simulated network
 * conditions. Controllers turn domain objects into DTO records and errors into RFC 9457 problem
 * details; see docs/api.md. The only package that imports Spring Web.
 */
@NullMarked
package dev.minerfleet.api;

import org.jspecify.annotations.NullMarked;
