package dev.latencylab.inventory.catalogue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Which page of the catalogue to list. Bound from query parameters as one object so that
 * a bad value, even one that is not a number, comes back as a field error.
 *
 * @param page the page, from 0; 0 when left out
 * @param size products per page, 1 to 100; 20 when left out
 */
record PageQuery(@Min(0) Integer page, @Min(1) @Max(100) Integer size) {

	PageQuery {
		page = (page != null) ? page : 0;
		size = (size != null) ? size : 20;
	}

}
