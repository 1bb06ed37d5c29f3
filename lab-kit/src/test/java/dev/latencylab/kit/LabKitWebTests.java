package dev.latencylab.kit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a client of any lab service sees from lab-kit: problem details for every error,
 * request ids, the body limit and the admin token.
 */
@WebMvcTest(controllers = LabKitWebTests.SampleController.class)
@ImportAutoConfiguration(LabKitAutoConfiguration.class)
@Import(LabKitWebTests.SampleController.class)
@TestPropertySource(properties = { "lab.admin.token=s3cret", "lab.http.max-body-size=1KB" })
class LabKitWebTests {

	@Autowired
	MockMvc mvc;

	@Test
	void shouldRenderAProblemExceptionAsProblemDetails() throws Exception {
		this.mvc.perform(get("/sample/out-of-stock"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(endsWith("/problems/out-of-stock")))
			.andExpect(jsonPath("$.title").value("Out of stock"))
			.andExpect(jsonPath("$.sku").value("SKU-00001"));
	}

	@Test
	void shouldExplainWhichFieldIsInvalid() throws Exception {
		this.mvc.perform(post("/sample/orders").contentType(MediaType.APPLICATION_JSON).content("{\"quantity\": 0}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(endsWith("/problems/invalid-request")))
			.andExpect(jsonPath("$.errors[?(@.field == 'quantity')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'sku')]").exists());
	}

	@Test
	void shouldAnswerMalformedJsonWithProblemDetails() throws Exception {
		this.mvc.perform(post("/sample/orders").contentType(MediaType.APPLICATION_JSON).content("{\"sku\": "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/malformed-body")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					boolean for a string   | {"customerId": true, "lines": [{"sku": "S-1", "quantity": 1}], "amount": 10}               | customerId       | expected a string, got true
					card number as number  | {"customerId": "c-1", "lines": [{"sku": 4111111111111111, "quantity": 1}], "amount": 10} | lines[0].sku     | expected a string, got the number 4111111111111111
					quoted quantity        | {"customerId": "c-1", "lines": [{"sku": "S-1", "quantity": "1"}], "amount": 10}          | lines[0].quantity | expected a whole number, got a string
					fractional quantity    | {"customerId": "c-1", "lines": [{"sku": "S-1", "quantity": 1.5}], "amount": 10}          | lines[0].quantity | expected a whole number
					quoted amount          | {"customerId": "c-1", "lines": [{"sku": "S-1", "quantity": 1}], "amount": "10.5"}        | amount           | expected a number, got a string
					UUID as a number       | {"customerId": "c-1", "orderId": 9000000000000000000000, "lines": [], "amount": 10}      | orderId          | expected a UUID as a string
					UUID in base64         | {"customerId": "c-1", "orderId": "AAAAAAAAAAAAAAAAAAAAAA", "lines": [], "amount": 10}   | orderId          | '''AAAAAAAAAAAAAAAAAAAAAA'' is not a valid UUID'
					object for a list      | {"customerId": "c-1", "lines": {"sku": "S-1", "quantity": 1}, "amount": 10}              | lines            | expected an array
					""")
	void shouldNotCoerceAValueOfTheWrongTypeAndNameItsField(String what, String json, String field, String message)
			throws Exception {
		this.mvc.perform(post("/sample/baskets").contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(endsWith("/problems/malformed-body")))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith(message)))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(field)));
	}

	@Test
	void shouldReadABodyOfTheRightTypes() throws Exception {
		this.mvc.perform(post("/sample/baskets").contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\": \"c-1\", \"lines\": [{\"sku\": \"S-1\", \"quantity\": 2}], \"amount\": 10.5}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.lines[0].quantity").value(2))
			.andExpect(jsonPath("$.amount").value(10.5));
	}

	@Test
	void shouldRefuseABodyOverTheLimitBeforeReadingIt() throws Exception {
		String big = "{\"sku\": \"" + "x".repeat(2000) + "\", \"quantity\": 1}";

		this.mvc.perform(post("/sample/orders").contentType(MediaType.APPLICATION_JSON).content(big))
			.andExpect(status().is(413))
			.andExpect(jsonPath("$.type").value(endsWith("/problems/body-too-large")))
			.andExpect(jsonPath("$.instance").value("/sample/orders"));
	}

	@Test
	void shouldNameTheParameterThatIsInvalid() throws Exception {
		this.mvc.perform(get("/sample/products").param("size", "500"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/invalid-request")))
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	void shouldExplainAValueOfTheWrongType() throws Exception {
		this.mvc.perform(get("/sample/products").param("size", "many"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/invalid-request")))
			.andExpect(jsonPath("$.errors[0].field").value("size"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'many' is not a valid int")));
	}

	@Test
	void shouldNameTheNestedFieldOfABodyValidatedWithOtherParameters() throws Exception {
		this.mvc
			.perform(post("/sample/keyed-orders").header("Idempotency-Key", "k-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"sku\": \"SKU-1\", \"quantity\": 0}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/invalid-request")))
			.andExpect(jsonPath("$.errors[0].field").value("quantity"));
	}

	@Test
	void shouldGiveSpringsOwnProblemsATypeAndAPlainDetail() throws Exception {
		this.mvc.perform(post("/sample/orders").contentType(MediaType.TEXT_PLAIN).content("hello"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/unsupported-media-type")));
		this.mvc.perform(get("/nothing-here"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/not-found")))
			.andExpect(jsonPath("$.detail").value("There is nothing at GET /nothing-here."));
	}

	@Test
	void shouldNameAMissingHeader() throws Exception {
		this.mvc.perform(get("/sample/needs-header"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(endsWith("/problems/invalid-request")))
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Idempotency-Key")));
	}

	@Test
	void shouldHideInternalsOfAnUnexpectedFailure() throws Exception {
		this.mvc.perform(get("/sample/boom"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value(endsWith("/problems/internal-error")))
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("database password"))));
	}

	@Test
	void shouldEchoTheRequestIdOrMakeOneUp() throws Exception {
		this.mvc.perform(get("/sample/out-of-stock").header("X-Request-Id", "abc-123"))
			.andExpect(header().string("X-Request-Id", "abc-123"));
		this.mvc.perform(get("/sample/out-of-stock"))
			.andExpect(header().string("X-Request-Id", matchesPattern("[0-9a-f-]{36}")));
	}

	@Test
	void shouldRefuseAdminCallsWithoutTheRightToken() throws Exception {
		this.mvc.perform(post("/admin/switch"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/admin/switch").header("Authorization", "Bearer wrong"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(post("/admin/switch").header("Authorization", "Bearer s3cret")).andExpect(status().isOk());
	}

	@RestController
	static class SampleController {

		@GetMapping("/sample/out-of-stock")
		void outOfStock() {
			throw new ProblemException(HttpStatus.CONFLICT, "out-of-stock", "Out of stock", "No stock left.")
				.with("sku", "SKU-00001");
		}

		@PostMapping("/sample/orders")
		SampleOrder order(@Valid @RequestBody SampleOrder order) {
			return order;
		}

		@PostMapping("/sample/baskets")
		SampleBasket basket(@Valid @RequestBody SampleBasket basket) {
			return basket;
		}

		@GetMapping("/sample/products")
		int products(@RequestParam(defaultValue = "20") @Max(100) int size) {
			return size;
		}

		@PostMapping("/sample/keyed-orders")
		SampleOrder keyedOrder(@RequestHeader("Idempotency-Key") @NotBlank String key,
				@Valid @RequestBody SampleOrder order) {
			return order;
		}

		@GetMapping("/sample/needs-header")
		String needsHeader(@RequestHeader("Idempotency-Key") String key) {
			return key;
		}

		@GetMapping("/sample/boom")
		void boom() {
			throw new IllegalStateException("database password is hunter2");
		}

		@PostMapping("/admin/switch")
		String adminSwitch() {
			return "switched";
		}

	}

	record SampleOrder(@NotBlank String sku, @Min(1) int quantity) {
	}

	record SampleBasket(String customerId, java.util.UUID orderId, List<SampleOrder> lines, BigDecimal amount) {
	}

}
