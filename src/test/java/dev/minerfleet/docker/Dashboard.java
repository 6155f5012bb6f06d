package dev.minerfleet.docker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioned Grafana dashboard, docker/grafana/dashboards/minerfleet.json, and the PromQL in
 * it: every panel target's {@code expr} (rows' nested panels too) and the template variables'
 * queries.
 */
record Dashboard(JsonNode json) {

	static final Path PATH = Path.of("docker/grafana/dashboards/minerfleet.json");

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** A metric of this application as it appears in PromQL. */
	static final Pattern METRIC = Pattern.compile("blockchain_[a-z_]+");

	static Dashboard load() {
		return new Dashboard(JSON.readTree(PATH.toFile()));
	}

	List<JsonNode> panels() {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : json.path("panels")) {
			panels.add(panel);
			for (JsonNode nested : panel.path("panels")) {
				panels.add(nested);
			}
		}
		return panels;
	}

	/** Every PromQL expression, as written (with Grafana variables such as {@code $miner}). */
	List<String> expressions() {
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : panels()) {
			for (JsonNode target : panel.path("targets")) {
				if (target.hasNonNull("expr")) {
					expressions.add(target.get("expr").asString());
				}
			}
		}
		for (JsonNode variable : json.path("templating").path("list")) {
			JsonNode query = variable.path("query");
			String text = query.isObject() ? query.path("query").asString() : query.asString();
			if (text != null && !text.isBlank()) {
				expressions.add(text);
			}
		}
		return expressions;
	}

	/** The application's metric names the expressions use, such as {@code blockchain_hashes_total}. */
	Set<String> metricNames() {
		Set<String> names = new TreeSet<>();
		for (String expression : expressions()) {
			names.addAll(metricNames(expression));
		}
		return names;
	}

	static Set<String> metricNames(String expression) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = METRIC.matcher(expression);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

}
