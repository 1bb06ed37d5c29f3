package dev.latencylab.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl kustomize DIR}, a real process: kubectl from the system property
 * {@code kubectl}, else from the PATH ({@code .ci/run} installs Debian's
 * {@code kubernetes-client} when there is none).
 */
final class Kustomize {

	private Kustomize() {
	}

	/**
	 * @param directory a kustomization's folder
	 * @return what kustomize renders: the documents, separated by {@code ---}
	 * @throws IllegalStateException if kubectl is missing or kustomize fails
	 */
	static String render(Path directory) {
		String kubectl = System.getProperty("kubectl", "kubectl");
		try {
			Path errors = Files.createTempFile("kustomize", ".err");
			Process process = new ProcessBuilder(List.of(kubectl, "kustomize", directory.toString()))
				.redirectError(errors.toFile())
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("kubectl kustomize " + directory + " did not end within 2 minutes");
			}
			String stderr = Files.readString(errors);
			Files.delete(errors);
			if (process.exitValue() != 0) {
				throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + stderr);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + kubectl
					+ " (install kubectl; on Debian the package kubernetes-client): " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
