package dev.minerfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.minerfleet.chain.Transaction;
import dev.minerfleet.testsupport.JsonMutations;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A seeded fuzz loop over what POST /transactions does with its body before the node sees it: Jackson binds it to
 * {@link NewTransaction}, bean validation checks it, {@link NewTransaction#toTransaction} makes the transaction. 4
 * seeds of 25,000 bodies, 100,000 in all, the seed in the case name: mutations of a valid body (byte flips,
 * truncations, members deleted or of the wrong type, numbers of 45 digits or with an exponent of a million, arrays
 * 2,000 deep) and bodies assembled from random raw JSON values. Each body ends in one of the ways the API answers 400
 * for (Jackson fails, validation fails, {@code toTransaction} throws {@link InvalidRequestException}) or in a
 * transaction with a true id that holds exactly what the body said; nothing else escapes (it would be a 500).
 * {@link TransactionControllerMutationTests} sends mutated bodies through the real MVC stack. About 13 s on a busy 2-core
 * machine.
 */
class NewTransactionMutationTests {

	private static final int CASES_PER_SEED = 25_000;

	private static final byte[] VALID = "{\"sender\":\"alice\",\"receiver\":\"bob\",\"amount\":42,\"payload\":\"rent é 😀\"}"
		.getBytes(StandardCharsets.UTF_8);

	private static final String[] FIELDS = { "sender", "receiver", "amount", "payload" };

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

	@AfterAll
	static void closeValidation() {
		VALIDATION.close();
	}

	static Stream<Long> seeds() {
		return LongStream.iterate(0xb0d7_f022L, seed -> seed * 6364136223846793005L + 1442695040888963407L)
			.limit(4)
			.boxed();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void everyMutatedBodyIsABadRequestOrExactlyTheTransactionItAsksFor(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		JsonMutations mutations = new JsonMutations(random);
		int[] outcomes = new int[4];
		for (int i = 0; i < CASES_PER_SEED; i++) {
			byte[] body = random.nextInt(4) == 0 ? randomBody(mutations, random) : mutations.mutate(VALID);
			try {
				outcomes[handle(body)]++;
			}
			catch (Throwable ex) {
				throw new AssertionError(
						"body " + i + " of seed " + seed + " would be a 500: " + HexFormat.of().formatHex(body), ex);
			}
		}
		// every way out was taken: otherwise the loop proves little
		assertThat(outcomes[0]).as("unreadable").isPositive();
		assertThat(outcomes[1]).as("invalid").isPositive();
		assertThat(outcomes[2]).as("refused by toTransaction").isPositive();
		assertThat(outcomes[3]).as("made").isGreaterThan(CASES_PER_SEED / 20);
	}

	/** 0 unreadable JSON, 1 failed validation, 2 refused by toTransaction (all 400), 3 made a transaction. */
	private static int handle(byte[] body) {
		NewTransaction request;
		try {
			request = MAPPER.readValue(body, NewTransaction.class);
		}
		catch (JacksonException unreadable) {
			return 0;
		}
		if (request == null) {
			return 0;
		}
		Set<ConstraintViolation<NewTransaction>> violations = VALIDATION.getValidator().validate(request);
		if (!violations.isEmpty()) {
			return 1;
		}
		Transaction tx;
		try {
			tx = request.toTransaction(1_767_225_600_000L, "miner-1");
		}
		catch (InvalidRequestException refused) {
			assertThat(refused.getStatusCode().value()).isEqualTo(400);
			assertThat(refused.getBody().getDetail()).isNotBlank();
			return 2;
		}
		assertThat(tx.hasValidId()).isTrue();
		assertThat(tx.isCoinbase()).isFalse();
		assertThat(tx.sender()).isEqualTo(request.sender()).isNotBlank();
		assertThat(tx.receiver()).isEqualTo(request.receiver()).isNotBlank();
		assertThat(request.amount()).isNotNull();
		assertThat(tx.amount()).isNotNegative().isEqualTo(request.amount().longValueExact());
		assertThat(tx.payload()).isEqualTo((request.payload() != null) ? request.payload() : "");
		assertThat(tx.createdAt()).isEqualTo(1_767_225_600_000L);
		assertThat(tx.origin()).isEqualTo("miner-1");
		return 3;
	}

	/** An object whose members are each right, missing, or a random raw JSON value, now and then one unknown. */
	private static byte[] randomBody(JsonMutations mutations, SplittableRandom random) {
		StringBuilder body = new StringBuilder("{");
		for (String field : FIELDS) {
			int choice = random.nextInt(6);
			if (choice == 0) {
				continue;
			}
			String value = switch (choice) {
				case 1 -> mutations.rawValue();
				case 2 -> field.equals("amount") ? "9223372036854775808" : "\"\"";
				default -> field.equals("amount") ? String.valueOf(random.nextLong()) : "\"x" + random.nextInt() + "\"";
			};
			body.append(body.length() > 1 ? "," : "").append('"').append(field).append("\":").append(value);
		}
		if (random.nextInt(5) == 0) {
			body.append(body.length() > 1 ? "," : "").append("\"extra\":").append(mutations.rawValue());
		}
		return body.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

}
