package dev.latencylab.runner.flags;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.latencylab.kit.FlagFile;
import dev.latencylab.kit.ProblemException;
import dev.latencylab.runner.LabException;
import dev.latencylab.runner.LabService;
import dev.latencylab.runner.LabState;

/**
 * Switching the lab's flags from the command line: one write of the flags file, which
 * every application reads; then, while the lab runs, a look at the services' admin API
 * until each evaluates the flag the new way.
 */
public final class Switches {

	private static final Pattern SHARE = Pattern.compile("(\\d{1,3})%");

	private static final Duration PICKED_UP_WITHIN = Duration.ofSeconds(15);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Switches() {
	}

	/**
	 * @param text {@code on}, {@code off} or a share such as {@code 10%}
	 * @param allowShare whether a share is allowed
	 * @return the change
	 */
	public static Change parse(String text, boolean allowShare) {
		if ("on".equals(text) || "off".equals(text)) {
			return new Change(text, null);
		}
		Matcher share = SHARE.matcher(text);
		if (allowShare && share.matches() && Integer.parseInt(share.group(1)) <= 100) {
			return new Change(null, Integer.parseInt(share.group(1)));
		}
		throw new LabException(
				"say on or off" + (allowShare ? ", or a share of orders such as 10%" : "") + ", not '" + text + "'");
	}

	/**
	 * @param state the lab's state
	 * @return the lab's flags file
	 * @throws LabException before the lab's first start
	 */
	public static FlagFile flags(LabState state) {
		if (!Files.isRegularFile(state.flagsFile())) {
			throw new LabException("no flags yet: ./lab up first (it writes " + state.flagsFile() + ")");
		}
		return state.flags();
	}

	/**
	 * Switches one flag and says what became of it.
	 * @param state the lab's state
	 * @param flag the flag
	 * @param change how
	 * @param out where to say it
	 */
	public static void apply(LabState state, String flag, Change change, PrintStream out) {
		FlagFile flags = flags(state);
		FlagFile.FlagState switched;
		try {
			switched = (change.percent() != null) ? flags.rollout(flag, change.percent())
					: flags.set(flag, change.variant());
		}
		catch (ProblemException ex) {
			throw new LabException(ex.getBody().getDetail() + " (./lab flags lists them)");
		}
		out.println("lab: " + flag + " is now " + describe(switched));
		if (!state.isRunning()) {
			out.println("lab: the lab is not running: the flag takes effect at the next ./lab up");
			return;
		}
		if (change.variant() != null) {
			awaitPickedUp(state, flag, change.variant(), out);
		}
		else {
			out.println("lab: every service picks it up within a few seconds");
		}
	}

	/**
	 * Waits until every service evaluates the flag to the variant (for a request about no
	 * particular order), and says how long that took.
	 * @param state the lab's state
	 * @param flag the flag
	 * @param variant the variant expected
	 * @param out where to say it
	 */
	public static void awaitPickedUp(LabState state, String flag, String variant, PrintStream out) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		String token = state.adminToken().orElse("");
		List<String> services = new ArrayList<>();
		for (LabService service : LabService.values()) {
			if (service != LabService.GATEWAY) {
				services.add(service.serviceName());
			}
		}
		Map<String, String> urls = state.urls();
		long started = System.nanoTime();
		long deadline = started + PICKED_UP_WITHIN.toNanos();
		List<String> waiting = new ArrayList<>(services);
		while (!waiting.isEmpty() && System.nanoTime() < deadline) {
			waiting.removeIf((service) -> variant.equals(evaluated(http, urls.get(service), flag, token)));
			if (!waiting.isEmpty()) {
				pause();
			}
		}
		if (waiting.isEmpty()) {
			out.printf("lab: every service evaluates it so after %.1f s%n", (System.nanoTime() - started) / 1e9);
		}
		else {
			out.println("lab: not picked up within " + PICKED_UP_WITHIN.toSeconds() + " s by " + waiting
					+ ": ./lab logs SERVICE shows why");
		}
	}

	private static String evaluated(HttpClient http, String base, String flag, String token) {
		if (base == null) {
			return "";
		}
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/flags/" + flag))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(3))
				.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? JSON.readTree(response.body()).path("evaluated").asString("") : "";
		}
		catch (java.io.IOException | RuntimeException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	static String describe(FlagFile.FlagState flag) {
		if (flag.percentOn() != null) {
			return flag.percentOn() + "% of orders on";
		}
		return flag.defaultVariant();
	}

	private static void pause() {
		try {
			// the services' flag readers poll the file; so does this
			TimeUnit.MILLISECONDS.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A change of a flag.
	 *
	 * @param variant the variant to serve to everyone, or {@code null}
	 * @param percent the share of orders to serve {@code on}, or {@code null}
	 */
	public record Change(String variant, Integer percent) {
	}

}
