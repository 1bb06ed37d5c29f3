package dev.latencylab.kit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A blind drill ({@code ./lab demo --blind}): a scenario of the catalogue is on and
 * nothing a person looks at may name it. While the flag {@link #FLAG} serves a key (its
 * {@code blind} variant's value), every flag of the catalogue (faults, fixes, bad fixes)
 * appears in logs, span attributes, span events and metric tags under an opaque id made
 * from that key, and the faults' own descriptions are left out. {@code ./lab reveal} maps
 * the ids back with {@link #revealed(String)}.
 */
public final class BlindDrill {

	/** The flag whose served value is the drill's key; empty when no drill is blind. */
	public static final String FLAG = "lab-drill";

	/** The variant that serves the key. */
	public static final String BLIND = "blind";

	/** The variant that serves nothing: names are shown. */
	public static final String OPEN = "open";

	private static final Set<String> HIDDEN = Stream.of(Scenario.values())
		.flatMap((scenario) -> Stream.concat(Stream.of(scenario.flag(), scenario.fixFlag()),
				scenario.badFixFlag().stream()))
		.collect(Collectors.toUnmodifiableSet());

	private BlindDrill() {
	}

	/**
	 * @param flag a flag key
	 * @return whether a blind drill hides it: the catalogue's faults, fixes and bad fixes
	 */
	public static boolean hides(String flag) {
		return HIDDEN.contains(flag);
	}

	/**
	 * @param key the drill's key
	 * @param flag a flag the drill hides
	 * @return the id it goes by during the drill, e.g. {@code drill-3f9a1c0e}: the same
	 * for the same key and flag, unrelated between flags
	 */
	public static String opaqueId(String key, String flag) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((key + "\n" + flag).getBytes(StandardCharsets.UTF_8));
			return "drill-" + HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	/**
	 * @param key the drill's key
	 * @return every opaque id of the drill and the flag it stands for, in catalogue order
	 */
	public static Map<String, String> revealed(String key) {
		Map<String, String> ids = new LinkedHashMap<>();
		for (Scenario scenario : Scenario.values()) {
			ids.put(opaqueId(key, scenario.flag()), scenario.flag());
			ids.put(opaqueId(key, scenario.fixFlag()), scenario.fixFlag());
			scenario.badFixFlag().ifPresent((flag) -> ids.put(opaqueId(key, flag), flag));
		}
		return ids;
	}

}
