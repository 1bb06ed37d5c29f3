package dev.latencylab.kit.internal;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * A mapper that takes JSON's types at their word: a number for a number field, a string
 * for a string field, a whole number for an integer. Jackson's defaults coerce
 * {@code "1"} to 1, {@code 1.5} to 1 and {@code true} or {@code 4111111111111111} to a
 * string, which lets a client's mistake through as a different value.
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
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
	}

}
