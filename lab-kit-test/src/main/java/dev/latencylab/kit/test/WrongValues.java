package dev.latencylab.kit.test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw JSON values of the wrong type for a place in a body: what {@link BodyFuzzer} puts
 * where a string, a number, a boolean, an object or an array belongs.
 */
final class WrongValues {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WrongValues() {
	}

	/** Raw JSON of a type the node is not. */
	static String of(JsonNode node, SplittableRandom random) {
		List<Function<SplittableRandom, String>> choices;
		if (node.isString()) {
			choices = List.of(WrongValues::integer, WrongValues::fraction, WrongValues::bool, WrongValues::object,
					WrongValues::array);
		}
		else if (node.isIntegralNumber()) {
			choices = List.of(WrongValues::text, (r) -> "\"" + r.nextLong() + "\"", WrongValues::fraction,
					WrongValues::bool, WrongValues::object, WrongValues::array);
		}
		else if (node.isNumber()) {
			choices = List.of(WrongValues::text, WrongValues::bool, WrongValues::object, WrongValues::array);
		}
		else if (node.isBoolean()) {
			choices = List.of(WrongValues::text, WrongValues::integer, WrongValues::object, WrongValues::array,
					(r) -> pick(r, List.of("\"true\"", "1")));
		}
		else if (node.isArray()) {
			choices = List.of(WrongValues::text, WrongValues::integer, WrongValues::bool, WrongValues::object);
		}
		else {
			choices = List.of(WrongValues::text, WrongValues::integer, WrongValues::bool, WrongValues::array);
		}
		return pick(random, choices).apply(random);
	}

	/**
	 * A JSON string of up to 30 code points from anywhere in Unicode but the surrogates.
	 */
	private static String text(SplittableRandom random) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(31); i > 0; i--) {
			int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1 - 0x800);
			text.appendCodePoint((codePoint < Character.MIN_SURROGATE) ? codePoint : codePoint + 0x800);
		}
		return JSON.writeValueAsString(text.toString());
	}

	private static String integer(SplittableRandom random) {
		return String.valueOf(random.nextLong());
	}

	private static String fraction(SplittableRandom random) {
		return random.nextInt(-1000, 1001) + ".5";
	}

	private static String bool(SplittableRandom random) {
		return String.valueOf(random.nextBoolean());
	}

	private static String object(SplittableRandom random) {
		return pick(random, List.of("{}", "{\"value\": 1}"));
	}

	private static String array(SplittableRandom random) {
		return pick(random, List.of("[]", "[1]", "[\"x\"]", "[{}]"));
	}

	static <T> T pick(SplittableRandom random, List<T> choices) {
		return choices.get(random.nextInt(choices.size()));
	}

}
