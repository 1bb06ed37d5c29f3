package dev.latencylab.kit.profiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.latencylab.kit.ProblemException;

/**
 * The profiler endpoint of every service, behind the admin token like everything under
 * {@code /admin}: start a capture (it answers when the capture is done), capture the
 * recent past from the flight recorder (at once), list the kept ones, fetch a mode's
 * flame graph page or collapsed stacks.
 */
@RestController
public class ProfilerController {

	private static final MediaType COLLAPSED = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private final Profiler profiler;

	private final int defaultSeconds;

	private final int defaultRecentSeconds;

	/**
	 * @param profiler the service's profiler
	 * @param defaultSeconds a live capture's length when the request names none
	 * @param defaultRecentSeconds how far back a flight recorder capture goes when the
	 * request names no length
	 */
	public ProfilerController(Profiler profiler, int defaultSeconds, int defaultRecentSeconds) {
		this.profiler = profiler;
		this.defaultSeconds = defaultSeconds;
		this.defaultRecentSeconds = defaultRecentSeconds;
	}

	/**
	 * Profiles this service now.
	 * @param request the modes ({@code cpu}, {@code wall}, {@code lock}, {@code alloc})
	 * and the seconds
	 * @return the capture, with links to its flame graphs
	 * @throws InterruptedException when the service stops meanwhile
	 */
	@PostMapping("/admin/profiler/captures")
	ResponseEntity<Capture> capture(@RequestBody CaptureRequest request) throws InterruptedException {
		int seconds = (request.seconds() != null) ? request.seconds() : this.defaultSeconds;
		Capture capture = this.profiler.capture(modes(request, "cpu, wall, lock and alloc"), seconds);
		return ResponseEntity.status(HttpStatus.CREATED).body(capture);
	}

	/**
	 * Captures the last seconds of this service from its flight recorder, at once.
	 * @param request the modes ({@code wall}, {@code lock}, {@code alloc}) and how many
	 * seconds back from now
	 * @return the capture, with links to its flame graphs
	 */
	@PostMapping("/admin/profiler/recent")
	ResponseEntity<Capture> recent(@RequestBody CaptureRequest request) {
		int seconds = (request.seconds() != null) ? request.seconds() : this.defaultRecentSeconds;
		Capture capture = this.profiler.recent(modes(request, "wall, lock and alloc"), seconds);
		return ResponseEntity.status(HttpStatus.CREATED).body(capture);
	}

	@GetMapping("/admin/profiler/captures")
	List<Capture> captures() {
		return this.profiler.captures();
	}

	@GetMapping("/admin/profiler/captures/{id}")
	Capture capture(@PathVariable String id) {
		return this.profiler.capture(id).orElseThrow(() -> noSuchCapture(id));
	}

	@GetMapping("/admin/profiler/captures/{id}/{file:[a-z]+\\.(?:html|collapsed)}")
	ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String file) throws IOException {
		int dot = file.indexOf('.');
		ProfileMode mode = ProfileMode.of(file.substring(0, dot));
		String extension = file.substring(dot + 1);
		Path path = (mode != null) ? this.profiler.file(id, mode, extension).orElse(null) : null;
		if (path == null) {
			throw noSuchCapture(id + "/" + file);
		}
		return ResponseEntity.ok()
			.contentType("html".equals(extension) ? MediaType.TEXT_HTML : COLLAPSED)
			.body(Files.readAllBytes(path));
	}

	private static Set<ProfileMode> modes(CaptureRequest request, String offered) {
		Set<ProfileMode> modes = EnumSet.noneOf(ProfileMode.class);
		for (String id : (request.modes() != null) ? request.modes() : List.<String>of()) {
			ProfileMode mode = ProfileMode.of(id);
			if (mode == null) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-capture", "Invalid capture",
						"Unknown mode '" + id + "': the modes are " + offered + ".")
					.with("mode", id);
			}
			modes.add(mode);
		}
		return modes;
	}

	private static ProblemException noSuchCapture(String what) {
		return new ProblemException(HttpStatus.NOT_FOUND, "no-such-capture", "No such capture",
				"No kept capture " + what + " on this service; GET /admin/profiler/captures lists them.");
	}

	/**
	 * @param modes what to sample, together (or render, from the flight recorder)
	 * @param seconds how long (or how far back); the default when absent
	 */
	record CaptureRequest(List<String> modes, Integer seconds) {
	}

}
