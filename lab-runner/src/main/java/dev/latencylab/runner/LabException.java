package dev.latencylab.runner;

/**
 * Something a person must act on, said in one line ({@code lab: <message>}) rather than
 * with a stack trace: the lab is not running, a name is unknown, a port is taken.
 */
public class LabException extends RuntimeException {

	public LabException(String message) {
		super(message);
	}

}
