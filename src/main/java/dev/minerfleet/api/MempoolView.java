package dev.minerfleet.api;

import java.util.List;

/**
 * The pending transactions.
 *
 * @param size how many transactions are pending, all of them
 * @param bytes their canonical bytes in total
 * @param transactions the oldest of them (the next to be mined), at most the requested limit
 */
public record MempoolView(int size, long bytes, List<TransactionView> transactions) {

}
