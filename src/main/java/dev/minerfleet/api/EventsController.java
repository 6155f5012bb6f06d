package dev.minerfleet.api;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live view's push channel: server-sent events, one stream per client, see {@link LiveEvents}. */
@RestController
class EventsController {

	private final LiveEvents events;

	EventsController(LiveEvents events) {
		this.events = events;
	}

	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		return events.subscribe();
	}

}
