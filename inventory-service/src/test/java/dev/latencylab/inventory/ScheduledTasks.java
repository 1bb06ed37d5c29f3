package dev.latencylab.inventory;

import java.util.List;

import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.Task;

/**
 * The tasks the service's schedulers run, for tests of a job's cadence.
 */
public final class ScheduledTasks {

	private ScheduledTasks() {
	}

	/**
	 * @param <T> the kind of task
	 * @param holders the test context's {@link ScheduledTaskHolder} beans
	 * @param kind e.g. {@code FixedDelayTask.class}
	 * @return every scheduled task of that kind
	 */
	public static <T extends Task> List<T> ofKind(List<ScheduledTaskHolder> holders, Class<T> kind) {
		return holders.stream()
			.flatMap((holder) -> holder.getScheduledTasks().stream())
			.map(ScheduledTask::getTask)
			.filter(kind::isInstance)
			.map(kind::cast)
			.toList();
	}

}
