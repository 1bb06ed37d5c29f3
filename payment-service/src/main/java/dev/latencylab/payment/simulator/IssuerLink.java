package dev.latencylab.payment.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.latencylab.payment.cardnetwork.CardNetworkException;

/**
 * The simulated network's connection to a card's issuer: a real TCP connection over the
 * loopback interface, whose issuer side sends its answer at a fixed pace, a few bytes per
 * tick, and closes when done. Reading the answer is a blocking socket read that returns
 * only as fast as the bytes arrive.
 *
 * <p>
 * Why this and not {@code Thread.sleep}: a slow downstream is, from the caller's side, a
 * read that waits for bytes. Here the wait is exactly that (a thread in a socket read,
 * real bytes on a real connection, the HTTP client span of the caller open until the
 * answer is complete), so profilers, traces and thread dumps show what they would show
 * for a slow issuer; only the issuer's own slowness is paced by a timer, as it would be
 * on a machine we do not see.
 */
final class IssuerLink implements AutoCloseable {

	/** How often the issuer side sends the next bytes of a slow answer. */
	static final Duration TICK = Duration.ofMillis(50);

	private final ServerSocketChannel issuer;

	private final ScheduledExecutorService pacer;

	IssuerLink() {
		try {
			this.issuer = ServerSocketChannel.open();
			this.issuer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the simulated issuer's socket", ex);
		}
		this.pacer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "issuer-link-pacer");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Asks the issuer over a new connection and reads its whole answer.
	 * @param latency how long the issuer takes to send its answer; zero answers at once
	 * @return the number of bytes read
	 */
	int exchange(Duration latency) {
		int ticks = (int) Math.max(1, latency.toMillis() / TICK.toMillis());
		try (SocketChannel caller = SocketChannel.open()) {
			SocketChannel issuerSide;
			// connect and accept as one step: the accepted connection is then surely the
			// peer of this caller (loopback connects complete in the kernel's backlog)
			synchronized (this.issuer) {
				caller.connect(this.issuer.getLocalAddress());
				issuerSide = this.issuer.accept();
			}
			if (latency.isZero()) {
				send(issuerSide, true);
				issuerSide.close();
			}
			else {
				pace(issuerSide, ticks);
			}
			ByteBuffer buffer = ByteBuffer.allocate(256);
			int total = 0;
			int read;
			while ((read = caller.read(buffer)) >= 0) {
				total += read;
				buffer.clear();
			}
			return total;
		}
		catch (IOException ex) {
			throw new CardNetworkException("The issuer link broke: " + ex.getMessage());
		}
	}

	private void pace(SocketChannel issuerSide, int remaining) {
		// each tick sends a byte and schedules the next: the answer is complete after
		// the given number of ticks
		this.pacer.schedule(() -> {
			try {
				send(issuerSide, remaining == 1);
				if (remaining == 1) {
					issuerSide.close();
				}
				else {
					pace(issuerSide, remaining - 1);
				}
			}
			catch (IOException ex) {
				// the caller gave up and closed its end
				closeQuietly(issuerSide);
			}
		}, TICK.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void send(SocketChannel channel, boolean last) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap((last ? "answer\n" : ".").getBytes(StandardCharsets.US_ASCII));
		while (bytes.hasRemaining()) {
			channel.write(bytes);
		}
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// already broken
		}
	}

	@Override
	public void close() {
		this.pacer.shutdownNow();
		try {
			this.issuer.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
