package dev.latencylab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The lab's flags file as a suite found it, to put back when it is done with its flags.
 *
 * @param file the flags file
 * @param content what it held
 */
record FlagsSnapshot(Path file, String content) {

	/**
	 * @param lab the lab
	 * @return its flags file as it is now
	 * @throws IOException when the file cannot be read
	 */
	static FlagsSnapshot of(LocalLab lab) throws IOException {
		return new FlagsSnapshot(lab.flagsFile(), Files.readString(lab.flagsFile()));
	}

	/**
	 * Writes the file back and gives the services the time to read it again (they look at
	 * it every second).
	 * @throws IOException when the file cannot be written
	 * @throws InterruptedException when interrupted meanwhile
	 */
	void restore() throws IOException, InterruptedException {
		Files.writeString(this.file, this.content);
		TimeUnit.SECONDS.sleep(3);
	}

}
