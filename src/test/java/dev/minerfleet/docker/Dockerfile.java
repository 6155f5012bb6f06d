package dev.minerfleet.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * docker/Dockerfile as a list of build stages, each a list of instructions with their continuation
 * lines joined and comments dropped: enough to check what the image does without a Docker engine.
 */
record Dockerfile(List<Stage> stages) {

	static Dockerfile load() {
		return parse(read(ComposeFile.MINER_DOCKERFILE));
	}

	static Dockerfile parse(String text) {
		List<Stage> stages = new ArrayList<>();
		List<Instruction> current = null;
		StringBuilder pending = new StringBuilder();
		for (String line : text.split("\n")) {
			String stripped = line.strip();
			if (pending.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
				continue;
			}
			if (stripped.startsWith("#")) {
				continue; // a comment inside a continued instruction
			}
			if (stripped.endsWith("\\")) {
				pending.append(stripped, 0, stripped.length() - 1).append(' ');
				continue;
			}
			pending.append(stripped);
			Instruction instruction = Instruction.of(pending.toString());
			pending.setLength(0);
			if (instruction.keyword().equals("FROM")) {
				current = new ArrayList<>();
				stages.add(new Stage(instruction.arguments(), current));
			}
			if (current == null) {
				if (!instruction.keyword().equals("ARG")) {
					throw new AssertionError("instruction before the first FROM: " + instruction);
				}
				continue;
			}
			current.add(instruction);
		}
		return new Dockerfile(List.copyOf(stages));
	}

	Stage finalStage() {
		return stages.get(stages.size() - 1);
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), ex);
		}
	}

	/** {@code FROM image [AS name]} and what follows it. */
	record Stage(String from, List<Instruction> instructions) {

		String image() {
			return from.split("\\s+")[0];
		}

		Optional<String> name() {
			String[] words = from.split("\\s+");
			return (words.length == 3 && words[1].equalsIgnoreCase("AS")) ? Optional.of(words[2]) : Optional.empty();
		}

		List<String> all(String keyword) {
			return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
		}

		/** The last instruction of a kind, the one that counts for USER, HEALTHCHECK and ENTRYPOINT. */
		Optional<String> last(String keyword) {
			List<String> all = all(keyword);
			return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
		}

	}

	record Instruction(String keyword, String arguments) {

		static Instruction of(String line) {
			String[] parts = line.split("\\s+", 2);
			return new Instruction(parts[0].toUpperCase(Locale.ROOT), (parts.length > 1) ? parts[1].strip() : "");
		}

	}

}
