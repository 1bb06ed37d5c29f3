package dev.latencylab.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes and ports of this machine as {@code ./lab} needs to see them (Linux's
 * {@code /proc}): which processes belong to a process group, who listens on a port, and
 * stopping processes politely, then for good.
 */
public final class LabProcesses {

	private static final Path PROC = Path.of("/proc");

	private LabProcesses() {
	}

	/**
	 * @param pgid a process group
	 * @param marker text the command line must contain (the lab's state directory), so
	 * that a group id the system has reused since never takes a stranger along
	 * @return the group's living processes whose command line has the marker
	 */
	public static List<ProcessHandle> inGroup(long pgid, String marker) {
		List<ProcessHandle> members = new ArrayList<>();
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
			for (Path process : processes) {
				long pid = Long.parseLong(process.getFileName().toString());
				if (pid != ProcessHandle.current().pid() && processGroup(pid) == pgid
						&& commandLine(pid).contains(marker)) {
					ProcessHandle.of(pid).ifPresent(members::add);
				}
			}
		}
		catch (IOException ex) {
			// no /proc (not Linux): the recorded pids are all there is to go by
		}
		return members;
	}

	/**
	 * @param pid a process
	 * @return the CPU time (user and system) it spent so far, from its own counter; empty
	 * for a process that is gone
	 */
	public static Optional<Duration> cpuTime(long pid) {
		return ProcessHandle.of(pid).flatMap((process) -> process.info().totalCpuDuration());
	}

	/**
	 * @param pid a process
	 * @return its process group, or -1 when it is gone
	 */
	public static long processGroup(long pid) {
		try {
			String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
			// "pid (command) state ppid pgrp ...": the command may hold spaces and
			// parentheses
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[2]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * @param pid a process
	 * @return its command line, arguments separated by spaces; empty when it is gone
	 */
	public static String commandLine(long pid) {
		try {
			byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
			return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Stops processes: SIGTERM to all, then SIGKILL to those still alive after the grace
	 * time.
	 * @param processes the processes
	 * @param grace how long they may take to stop on their own
	 * @return how many had to be killed
	 */
	public static int stop(List<ProcessHandle> processes, Duration grace) {
		processes.forEach(ProcessHandle::destroy);
		int killed = 0;
		if (!awaitExit(processes, grace)) {
			for (ProcessHandle process : processes) {
				if (process.isAlive()) {
					process.destroyForcibly();
					killed++;
				}
			}
			awaitExit(processes, Duration.ofSeconds(10));
		}
		return killed;
	}

	private static boolean awaitExit(List<ProcessHandle> processes, Duration within) {
		try {
			CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
				.get(within.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return processes.stream().noneMatch(ProcessHandle::isAlive);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * @param port a TCP port
	 * @return whether a server could listen on it on 127.0.0.1 now
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * @param port a TCP port
	 * @return who listens on it, e.g.
	 * {@code pid 812 (/usr/bin/prometheus --config.file=...)}, when this user may see it
	 */
	public static Optional<String> holder(int port) {
		Set<String> sockets = listeningSockets(port);
		if (sockets.isEmpty()) {
			return Optional.empty();
		}
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
			for (Path process : processes) {
				try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
					for (Path descriptor : descriptors) {
						String target = Files.readSymbolicLink(descriptor).toString();
						if (sockets.contains(target)) {
							long pid = Long.parseLong(process.getFileName().toString());
							return Optional.of("pid " + pid + " (" + abbreviate(commandLine(pid)) + ")");
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					// a process that ended, or one this user may not look into
				}
			}
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	private static Set<String> listeningSockets(int port) {
		Set<String> sockets = new HashSet<>();
		String hexPort = ":%04X".formatted(port);
		for (String table : List.of("tcp", "tcp6")) {
			try {
				for (String line : Files.readAllLines(PROC.resolve("net").resolve(table))) {
					String[] fields = line.trim().split("\\s+");
					// local address, state 0A (LISTEN), inode
					if (fields.length > 9 && fields[1].endsWith(hexPort) && "0A".equals(fields[3])) {
						sockets.add("socket:[" + fields[9] + "]");
					}
				}
			}
			catch (IOException ex) {
				// no IPv6, or not Linux
			}
		}
		return sockets;
	}

	private static String abbreviate(String text) {
		return (text.length() <= 120) ? text : text.substring(0, 117) + "...";
	}

}
