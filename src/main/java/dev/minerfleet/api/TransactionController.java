package dev.minerfleet.api;

import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.minerfleet.chain.Hash;
import dev.minerfleet.chain.Transaction;
import dev.minerfleet.mempool.Mempool;
import dev.minerfleet.mempool.Mempool.Admission;
import dev.minerfleet.node.ChainService;
import dev.minerfleet.node.TransactionStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Transactions: where one stands, the pending ones, and making a new one here. */
@RestController
class TransactionController {

	static final int MAX_MEMPOOL_LIMIT = 1000;

	private final ChainService chain;

	private final InstantSource clock;

	TransactionController(ChainService chain, InstantSource clock) {
		this.chain = chain;
		this.clock = clock;
	}

	@GetMapping("/transactions/{id}")
	TransactionStatusView transaction(@PathVariable String id) {
		Hash parsed = InvalidRequestException.parseHash("a transaction id", id);
		TransactionStatus status = chain.transactionStatus(parsed);
		if (status instanceof TransactionStatus.Confirmed confirmed) {
			return new TransactionStatusView.Confirmed(confirmed.transaction(), confirmed.blockHash().hex(),
					confirmed.height(), confirmed.confirmations());
		}
		if (status instanceof TransactionStatus.Pending pending) {
			return new TransactionStatusView.Pending(pending.transaction());
		}
		if (status instanceof TransactionStatus.Dropped dropped) {
			return new TransactionStatusView.Dropped(dropped.transaction(), dropped.coin(), dropped.spentBy());
		}
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "transaction " + parsed.hex()
				+ " is neither pending nor confirmed on the active chain of " + chain.minerId());
		body.setProperty("id", parsed.hex());
		body.setProperty("transactionStatus", TransactionStatusView.UNKNOWN);
		throw new NotFoundException(body);
	}

	/** The oldest pending transactions, the next to be mined, and the pool's full size. */
	@GetMapping("/mempool")
	MempoolView mempool(@RequestParam(defaultValue = "100") @Min(value = 0, message = "must be 0 or more") @Max(
			value = MAX_MEMPOOL_LIMIT, message = "must be at most {value}") int limit) {
		Mempool mempool = chain.mempool();
		List<Transaction> pending = mempool.transactions();
		List<TransactionView> shown = pending.subList(0, Math.min(limit, pending.size()))
			.stream()
			.map(TransactionView::of)
			.toList();
		return new MempoolView(pending.size(), mempool.bytes(), shown);
	}

	/**
	 * Makes a transaction on this miner, stamped now and originating here, pools it and broadcasts
	 * it: 201 with its location. The same transaction again (same fields, same millisecond) is
	 * answered 200. A spend of a coin the active chain already spent (double-spend rule on) is
	 * refused: 409.
	 */
	@PostMapping("/transactions")
	ResponseEntity<TransactionView> create(@Valid @RequestBody NewTransaction request) {
		Transaction tx = request.toTransaction(clock.millis(), chain.minerId());
		Admission admission = chain.createTransaction(tx);
		if (admission == Admission.COIN_ALREADY_SPENT) {
			throw coinAlreadySpent(tx);
		}
		URI location = URI.create("/transactions/" + tx.id().hex());
		HttpStatus status = admission.isAdded() ? HttpStatus.CREATED : HttpStatus.OK;
		return ResponseEntity.status(status).location(location).body(TransactionView.of(tx));
	}

	private ConflictException coinAlreadySpent(Transaction tx) {
		String coin = tx.coin().orElseThrow();
		Optional<Transaction> winner = chain.spendOf(coin);
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "coin " + coin
				+ " is already spent on the active chain of " + chain.minerId()
				+ winner.map(spend -> " by transaction " + spend.id().hex()).orElse(""));
		body.setProperty("coin", coin);
		winner.ifPresent(spend -> body.setProperty("spentBy", spend.id().hex()));
		return new ConflictException(body);
	}

}
