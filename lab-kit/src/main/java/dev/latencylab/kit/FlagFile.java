package dev.latencylab.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;

/**
 * The flagd flags file that every application of the lab reads: listed and edited here
 * for the admin API and for {@code ./lab}. An edit is one atomic replacement of the file
 * (written next to it, then renamed over it) under a file lock, so that several writers
 * never lose each other's changes and a reader never sees half a file; flagd's file
 * resolver reads the file by its path whenever its modification time changes, and picks
 * the new one up within its poll interval.
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
		edit((flags) -> flags.set(key, variant));
		return get(key);
	}

	/**
	 * Serves {@code on} to a share of orders (sticky per order id) and {@code off} to the
	 * rest.
	 * @param key the flag
	 * @param percent the share, 0 to 100
	 * @return the flag's new state
	 */
	public synchronized FlagState rollout(String key, int percent) {
		edit((flags) -> flags.rollout(key, percent));
		return get(key);
	}

	/**
	 * Gives a variant a new value and serves it to everyone: for flags whose value is
	 * data rather than on or off (the blind drill's key, {@link BlindDrill#FLAG}).
	 * @param key the flag
	 * @param variant the variant, which must exist
	 * @param value its new value
	 * @return the flag's new state
	 */
	public synchronized FlagState serve(String key, String variant, String value) {
		edit((flags) -> flags.serve(key, variant, value));
		return get(key);
	}

	/**
	 * Makes several changes in one write of the file, so that every reader sees all of
	 * them or none. When one change is refused, nothing is written.
	 * @param changes the changes
	 */
	public synchronized void edit(Consumer<Edits> changes) {
		try (FileChannel lock = FileChannel.open(this.path.resolveSibling("." + this.path.getFileName() + ".lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
			ObjectNode root = (ObjectNode) read();
			changes.accept(new Edits(root.path("flags")));
			Path next = this.path.resolveSibling("." + this.path.getFileName() + ".next");
			Files.writeString(next, this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(root),
					StandardCharsets.UTF_8);
			Files.move(next, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not edit " + this.path, ex);
		}
	}

	/**
	 * @param key a flag
	 * @return its state, if the file has it
	 */
	public Optional<FlagState> find(String key) {
		return list().stream().filter((flag) -> flag.key().equals(key)).findFirst();
	}

	/**
	 * @param key a flag
	 * @return the value of the variant it serves to everyone, or {@code ""} when the file
	 * has no such flag or the value is not a string
	 */
	public synchronized String servedValue(String key) {
		JsonNode flag = read().path("flags").path(key);
		return flag.path("variants").path(flag.path("defaultVariant").asString("")).asString("");
	}

	private FlagState get(String key) {
		return find(key).orElseThrow(() -> unknownFlag(key));
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

	private static ProblemException unknownVariant(String key, String variant, JsonNode flag) {
		return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-variant", "Unknown variant",
				"Flag " + key + " has no variant '" + variant + "'; it has " + variants(flag) + ".")
			.with("flag", key)
			.with("variants", variants(flag));
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
	 * Changes to the flags, made in memory and written together by
	 * {@link FlagFile#edit(Consumer)}.
	 */
	public static final class Edits {

		private final JsonNode flags;

		private Edits(JsonNode flags) {
			this.flags = flags;
		}

		/**
		 * @param key the flag
		 * @param variant the variant to serve to everyone
		 * @return these edits
		 */
		public Edits set(String key, String variant) {
			ObjectNode flag = flag(key);
			if (!flag.path("variants").has(variant)) {
				throw unknownVariant(key, variant, flag);
			}
			flag.put("defaultVariant", variant);
			flag.remove("targeting");
			return this;
		}

		/**
		 * @param key the flag
		 * @param percent the share of orders to serve {@code on}, sticky per order
		 * @return these edits
		 */
		public Edits rollout(String key, int percent) {
			if (percent < 0 || percent > 100) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"A rollout's share is 0 to 100 %, not " + percent + ".");
			}
			ObjectNode flag = flag(key);
			ArrayNode fractional = flag.putObject("targeting").putArray("fractional");
			fractional.addArray().add("on").add(percent);
			fractional.addArray().add("off").add(100 - percent);
			flag.put("defaultVariant", "off");
			return this;
		}

		/**
		 * @param key the flag
		 * @param variant the variant to give the value and serve to everyone
		 * @param value the value
		 * @return these edits
		 */
		public Edits serve(String key, String variant, String value) {
			ObjectNode flag = flag(key);
			if (!flag.path("variants").has(variant)) {
				throw unknownVariant(key, variant, flag);
			}
			((ObjectNode) flag.get("variants")).put(variant, value);
			flag.put("defaultVariant", variant);
			flag.remove("targeting");
			return this;
		}

		private ObjectNode flag(String key) {
			if (this.flags.get(key) instanceof ObjectNode flag) {
				return flag;
			}
			throw unknownFlag(key);
		}

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
