package dev.latencylab.kit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;

import dev.latencylab.kit.ProblemException;

/**
 * The flagd flags file that every service of the lab reads: listed and edited here for
 * the admin API. Edits are made in place under a file lock (several services share one
 * file), and flagd's file resolver picks them up within its poll interval.
 */
public final class FlagFile {

	private final Path path;

	private final JsonMapper jsonMapper;

	public FlagFile(Path path, JsonMapper jsonMapper) {
		this.path = path;
		this.jsonMapper = jsonMapper;
	}

	public Path path() {
		return this.path;
	}

	/**
	 * @return every flag with its variants and current state
	 */
	public synchronized List<FlagState> list() {
		JsonNode flags = read().path("flags");
		List<FlagState> states = new ArrayList<>();
		for (String key : flags.propertyNames()) {
			states.add(state(key, flags.get(key)));
		}
		return states;
	}

	/**
	 * Serves one variant to everyone.
	 * @param key the flag
	 * @param variant the variant, e.g. {@code on}
	 * @return the flag's new state
	 */
	public synchronized FlagState set(String key, String variant) {
		update(key, (flag) -> {
			if (!flag.path("variants").has(variant)) {
				throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-variant", "Unknown variant",
						"Flag " + key + " has no variant '" + variant + "'; it has " + variants(flag) + ".")
					.with("flag", key)
					.with("variants", variants(flag));
			}
			flag.put("defaultVariant", variant);
			flag.remove("targeting");
		});
		return find(key);
	}

	/**
	 * Serves {@code on} to a share of orders (sticky per order id) and {@code off} to the
	 * rest.
	 * @param key the flag
	 * @param percent the share, 0 to 100
	 * @return the flag's new state
	 */
	public synchronized FlagState rollout(String key, int percent) {
		update(key, (flag) -> {
			ObjectNode targeting = flag.putObject("targeting");
			ArrayNode fractional = targeting.putArray("fractional");
			fractional.addArray().add("on").add(percent);
			fractional.addArray().add("off").add(100 - percent);
			flag.put("defaultVariant", "off");
		});
		return find(key);
	}

	private FlagState find(String key) {
		return list().stream().filter((flag) -> flag.key().equals(key)).findFirst().orElseThrow();
	}

	private void update(String key, Consumer<ObjectNode> change) {
		try (FileChannel lock = FileChannel.open(this.path.resolveSibling("." + this.path.getFileName() + ".lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
			ObjectNode root = (ObjectNode) read();
			JsonNode flag = root.path("flags").get(key);
			if (!(flag instanceof ObjectNode object)) {
				throw unknownFlag(key);
			}
			change.accept(object);
			// in place, not by rename: flagd's file watcher follows the file, not the
			// name
			Files.writeString(this.path, this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(root),
					StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not edit " + this.path, ex);
		}
	}

	private JsonNode read() {
		if (!Files.isRegularFile(this.path)) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "no-flags-file", "No flags file",
					"This service reads no flags file (lab.flags.path is " + this.path + ").");
		}
		try {
			return this.jsonMapper.readTree(Files.readString(this.path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + this.path, ex);
		}
	}

	public static ProblemException unknownFlag(String key) {
		return new ProblemException(HttpStatus.NOT_FOUND, "unknown-flag", "Unknown flag",
				"There is no flag " + key + ".")
			.with("flag", key);
	}

	private static List<String> variants(JsonNode flag) {
		List<String> variants = new ArrayList<>();
		flag.path("variants").propertyNames().forEach(variants::add);
		return variants;
	}

	private static FlagState state(String key, JsonNode flag) {
		Integer percentOn = null;
		JsonNode fractional = flag.path("targeting").path("fractional");
		if (fractional.isArray()) {
			for (JsonNode bucket : fractional) {
				if (bucket.isArray() && "on".equals(bucket.path(0).asString(""))) {
					percentOn = bucket.path(1).asInt();
				}
			}
		}
		return new FlagState(key, variants(flag), flag.path("defaultVariant").asString(null), percentOn);
	}

	/**
	 * A flag as the admin API shows it.
	 *
	 * @param key the flag
	 * @param variants its variants
	 * @param defaultVariant the variant everyone gets, unless a rollout is set
	 * @param percentOn the share of orders that get {@code on} in a rollout, or
	 * {@code null}
	 */
	public record FlagState(String key, List<String> variants, String defaultVariant, Integer percentOn) {
	}

}
