package dev.latencylab.toolkit.reports;

import java.time.Instant;

/**
 * A line of the list of reports.
 *
 * @param id the report's id
 * @param trigger the alert's name, or {@code on-demand}
 * @param receivedAt when the alert or request arrived
 * @param verdictAt when the verdict was reached
 * @param cause the cause class's id
 * @param service the service it names
 * @param culprit the culprit SQL statement, span or frame, whichever is most precise
 * @param confidence how sure
 * @param page the report's page
 */
public record ReportSummary(String id, String trigger, Instant receivedAt, Instant verdictAt, String cause,
		String service, String culprit, String confidence, String page) {

	static ReportSummary of(Report report) {
		String trigger = "alert".equals(report.trigger().kind()) ? report.trigger().alert() : "on-demand";
		String culprit = !report.verdict().frame().isEmpty() ? report.verdict().frame()
				: !report.verdict().statement().isEmpty() ? report.verdict().statement() : report.verdict().span();
		return new ReportSummary(report.id(), trigger, report.trigger().receivedAt(), report.verdictAt(),
				report.verdict().cause(), report.verdict().service(), culprit, report.verdict().confidence(),
				"/reports/" + report.id() + "/report.html");
	}

}
