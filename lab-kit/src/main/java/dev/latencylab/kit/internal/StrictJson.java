package dev.latencylab.kit.internal;

import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * A mapper that takes JSON's types at their word: a number for a number field, a string
 * for a string field, a whole number for an integer, a UUID in its 36-character form.
 * Jackson's defaults coerce {@code "1"} to 1, {@code 1.5} to 1, {@code true} or
 * {@code 4111111111111111} to a string, a number to an enum by its index, and read any 22
 * characters of base64 (even a 22-digit number) as a UUID, which lets a client's mistake
 * through as a different value.
 */
public final class StrictJson {

	private StrictJson() {
	}

	/**
	 * @param mapper the application's mapper, with its modules and settings
	 * @return the same mapper, refusing scalar coercion
	 */
	public static JsonMapper from(JsonMapper mapper) {
		return mapper.rebuild()
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("lab-strict-json").addDeserializer(UUID.class, new CanonicalUuid()))
			.build();
	}

	/** A UUID only as a string of 32 hex digits in groups of 8-4-4-4-12. */
	static final class CanonicalUuid extends StdScalarDeserializer<UUID> {

		private static final Pattern CANONICAL = Pattern
			.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

		CanonicalUuid() {
			super(UUID.class);
		}

		@Override
		public UUID deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return (UUID) context.handleUnexpectedToken(UUID.class, parser);
			}
			String text = parser.getString();
			if (!CANONICAL.matcher(text).matches()) {
				return (UUID) context.handleWeirdStringValue(UUID.class, text,
						"a UUID is 32 hex digits in groups of 8-4-4-4-12");
			}
			return UUID.fromString(text);
		}

	}

}
