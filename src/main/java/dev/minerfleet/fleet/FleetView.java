package dev.minerfleet.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The live view of a whole local fleet, on a port of its own: the same page every miner serves, fed with every miner
 * at once. It holds no logic of its own: {@code GET /view/miners} names the fleet's miners, {@code /miners/<id>/...}
 * passes requests on to that miner's REST API unchanged, and {@code GET /events} merges the miners' event streams
 * into one (each event names its source), so the browser keeps one stream open however many miners there are.
 */
public final class FleetView implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FleetView.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern MINER_PATH = Pattern.compile("/miners/([A-Za-z0-9._-]{1,64})(/.*)");

	private static final Pattern PAGE_FILE = Pattern.compile("/view/([a-z]+\\.(html|js|css))");

	private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8", "js",
			"text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

	/** Events a slow browser may fall behind by before it is dropped (it reconnects and reloads). */
	private static final int CLIENT_BACKLOG = 10_000;

	private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final HttpServer server;

	private final Map<String, URI> miners;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "fleet-view");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Client> clients = new CopyOnWriteArrayList<>();

	/** A browser's stream: the events it has yet to be sent, and whether it fell too far behind. */
	private static final class Client {

		final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CLIENT_BACKLOG);

		volatile boolean dropped;

	}

	private volatile boolean open = true;

	private FleetView(HttpServer server, Map<String, URI> miners) {
		this.server = server;
		this.miners = miners;
	}

	/**
	 * Serves the view of {@code miners} (id to base URL, in the fleet's order) on {@code host:port}, and starts
	 * following each miner's event stream.
	 */
	public static FleetView start(String host, int port, Map<String, URI> miners) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
		FleetView view = new FleetView(server, new LinkedHashMap<>(miners));
		server.createContext("/", view::handle);
		server.setExecutor(view.threads);
		server.start();
		miners.forEach((id, url) -> view.threads.execute(() -> view.follow(id, url)));
		log.info("Live view of {} miners on http://{}:{}/", miners.size(), host, server.getAddress().getPort());
		return view;
	}

	public int port() {
		return server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			Matcher miner = MINER_PATH.matcher(path);
			Matcher page = PAGE_FILE.matcher(path);
			if (path.equals("/") || path.equals("/view") || path.equals("/view/")) {
				exchange.getResponseHeaders().set("Location", "/view/index.html");
				exchange.sendResponseHeaders(302, -1);
			}
			else if (path.equals("/view/miners")) {
				respond(exchange, 200, "application/json", JSON.writeValueAsBytes(Map.of("fleet", true, "miners",
						miners.keySet().stream().map(id -> Map.of("id", id, "base", "/miners/" + id)).toList())));
			}
			else if (path.equals("/events")) {
				stream(exchange);
			}
			else if (miner.matches() && miners.containsKey(miner.group(1))) {
				passOn(exchange, miners.get(miner.group(1)), miner.group(2));
			}
			else if (page.matches()) {
				servePage(exchange, page.group(1), page.group(2));
			}
			else {
				respond(exchange, 404, "text/plain; charset=utf-8", ("no such page: " + path).getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	private static void servePage(HttpExchange exchange, String name, String extension) throws IOException {
		try (InputStream resource = FleetView.class.getResourceAsStream("/static/view/" + name)) {
			if (resource == null) {
				respond(exchange, 404, "text/plain; charset=utf-8", ("no such page: " + name).getBytes(StandardCharsets.UTF_8));
				return;
			}
			respond(exchange, 200, CONTENT_TYPES.get(extension), resource.readAllBytes());
		}
	}

	/** The request as it came, to the miner; the miner's answer as it came, back. */
	private void passOn(HttpExchange exchange, URI miner, String rest) throws IOException {
		String query = exchange.getRequestURI().getRawQuery();
		URI target = URI.create(miner + rest + ((query != null) ? "?" + query : ""));
		byte[] body = exchange.getRequestBody().readAllBytes();
		HttpRequest.Builder request = HttpRequest.newBuilder(target)
			.timeout(Duration.ofSeconds(30))
			.method(exchange.getRequestMethod(), (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		for (String header : List.of("Content-Type", "Authorization", "Accept")) {
			Optional.ofNullable(exchange.getRequestHeaders().getFirst(header)).ifPresent(value -> request.header(header, value));
		}
		HttpResponse<byte[]> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			respond(exchange, 502, "text/plain; charset=utf-8",
					("miner at " + miner + " did not answer: " + ex.getMessage()).getBytes(StandardCharsets.UTF_8));
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		respond(exchange, response.statusCode(),
				response.headers().firstValue("Content-Type").orElse("application/octet-stream"), response.body());
	}

	/** One browser's merged stream: every miner's events as they come, a comment now and then to notice it left. */
	private void stream(HttpExchange exchange) throws IOException {
		Client client = new Client();
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		clients.add(client);
		try {
			OutputStream out = exchange.getResponseBody();
			out.write(": the events of every miner of the fleet\n\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			while (open && !client.dropped) {
				String event = client.queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
				out.write(((event != null) ? event : ": keep-alive\n\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the browser went away
		}
		finally {
			clients.remove(client);
		}
	}

	/** Reads one miner's event stream for as long as the view is open, reconnecting when it breaks. */
	private void follow(String id, URI miner) {
		HttpRequest request = HttpRequest.newBuilder(miner.resolve("/events")).header("Accept", "text/event-stream").build();
		while (open) {
			try {
				HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
				try (Stream<String> lines = response.body()) {
					StringBuilder event = new StringBuilder();
					lines.takeWhile(line -> open).forEach(line -> {
						event.append(line).append('\n');
						if (line.isEmpty()) {
							broadcast(event.toString());
							event.setLength(0);
						}
					});
				}
			}
			catch (IOException | UncheckedIOException ex) {
				log.debug("Event stream of {} broke: {}", id, ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (open) {
				try {
					Thread.sleep(RETRY.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void broadcast(String event) {
		if (event.isBlank() || event.startsWith(":")) {
			return;
		}
		for (Client client : clients) {
			if (!client.queue.offer(event)) {
				// too far behind: end its stream; the page reconnects and reloads the tree
				client.dropped = true;
				clients.remove(client);
			}
		}
	}

	private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
	}

	@Override
	public void close() {
		open = false;
		server.stop(0);
		threads.shutdownNow();
	}

}
