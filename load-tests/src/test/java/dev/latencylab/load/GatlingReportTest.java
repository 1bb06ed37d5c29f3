package dev.latencylab.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.latencylab.load.LoadResult.AssertionOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GatlingReportTest {

	@Test
	void shouldReadEveryRequestsFiguresFromTheStatisticsTable() throws IOException {
		String html = realReport();

		GatlingReport report = GatlingReport.parse(html);

		assertThat(report.all())
			.isEqualTo(new RequestFigures("All Requests", 240, 240, 0, 24, 2, 8, 59, 1012, 1207, 1207, 41));
		assertThat(report.requests()).containsOnlyKeys("products page", "checkout", "product", "checkout fraud-denied",
				"checkout large-basket", "checkout expired-card", "checkout unknown-sku");
		assertThat(report.requests().get("checkout"))
			.isEqualTo(new RequestFigures("checkout", 74, 74, 0, 7.4, 2, 5, 1203, 1207, 1207, 1207, 72));
	}

	@Test
	void shouldReadTheAssertionsAndWhetherEachHeld() throws IOException {
		String html = realReport();

		GatlingReport report = GatlingReport.parse(html);

		assertThat(report.assertions()).containsExactly(
				new AssertionOutcome("checkout: max of response time is less than 1000.0", false),
				new AssertionOutcome("Global: percentage of failed events is less than or equal to 1.0", true));
	}

	@Test
	void shouldRefuseAReportWithoutTheExpectedPercentiles() throws IOException {
		String html = realReport().replace("<span>99th pct</span>", "<span>98th pct</span>");

		assertThatIllegalStateException().isThrownBy(() -> GatlingReport.parse(html))
			.withMessageContaining("no column '99th pct'");
	}

	private static String realReport() throws IOException {
		try (InputStream in = GatlingReportTest.class.getResourceAsStream("spikehunt-report-3.14.3.html")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
