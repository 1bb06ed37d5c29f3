package dev.latencylab.toolkit.reports;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the toolkit concludes, and on what.
 *
 * @param cause the cause class's id ({@code gc-pause}, {@code unknown}, {@code none}...)
 * @param title the class for a person
 * @param service where the cause is, empty when there is none
 * @param span the culprit span (name), empty when no trace names one
 * @param statement the culprit SQL statement (as PostgreSQL shows it when the database
 * was read, else as the trace shows it), empty when it is not a database wait
 * @param frame the code frame ({@code package.Class.method}) the profile shows, empty
 * when the profile does not show one clearly
 * @param frameDetail what that frame was doing (the frame on top of its heaviest stack),
 * empty with no frame
 * @param confidence {@code high} when traces, metrics and profile agree, {@code medium}
 * with two of them, {@code low} with one
 * @param runbook the runbook to follow, relative to the repository's root (with an anchor
 * when it names a section)
 * @param summary one paragraph for a person
 * @param evidence every claim and what it rests on
 * @param blocker for a lock wait, the lock and who holds it (its client, state,
 * transaction age and statement); empty otherwise
 * @param plan for a slow query, its plan as PostgreSQL makes it; empty otherwise
 */
public record Verdict(String cause, String title, String service, String span, String statement, String frame,
		String frameDetail, String confidence, String runbook, String summary, List<Evidence> evidence, String blocker,
		String plan) {

	/**
	 * @param statement the statement as PostgreSQL shows it
	 * @param blocker the lock and its holder, or empty
	 * @param plan the statement's plan, or empty
	 * @return this verdict with what the database said
	 */
	public Verdict withDatabase(String statement, String blocker, String plan) {
		return new Verdict(this.cause, this.title, this.service, this.span, statement, this.frame, this.frameDetail,
				this.confidence, this.runbook, this.summary, this.evidence, blocker, plan);
	}

	/**
	 * @return the runbook as the toolkit serves it ({@code /docs/runbooks/...}, anchor
	 * kept), for links in pages; in the JSON too, next to {@link #runbook()}
	 */
	@JsonProperty(value = "runbookPage", access = JsonProperty.Access.READ_ONLY)
	public String runbookPage() {
		return (this.runbook == null || this.runbook.isEmpty()) ? "" : "/docs/" + this.runbook;
	}

	/**
	 * One piece of evidence.
	 *
	 * @param source {@code traces}, {@code metrics}, {@code database}, {@code profile} or
	 * {@code alert}
	 * @param claim what it supports: {@code service}, {@code cause}, {@code culprit} or
	 * {@code frame}
	 * @param text what was seen, with the numbers
	 */
	public record Evidence(String source, String claim, String text) {
	}

}
