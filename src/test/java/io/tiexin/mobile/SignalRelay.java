package io.tiexin.mobile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay between the browser and the service that can be switched off like a phone's
 * signal: while cut, open connections are dropped and new ones are reset, so every
 * request of the page and of its service worker fails the way a request with no signal
 * does (DevTools' offline switch covers only the page itself). It counts the bytes the
 * service sends to the browser, which is the page's weight on the wire.
 */
final class SignalRelay implements AutoCloseable {

	private final ServerSocket listener;

	private final int servicePort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong bytesToBrowser = new AtomicLong();

	private volatile boolean up = true;

	SignalRelay(int servicePort) throws IOException {
		this.servicePort = servicePort;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		start(this::accept);
	}

	int port() {
		return this.listener.getLocalPort();
	}

	/** No signal: drops every open connection and resets new ones. */
	void cut() {
		this.up = false;
		this.open.forEach(SignalRelay::closeQuietly);
		this.open.clear();
	}

	void restore() {
		this.up = true;
	}

	/** Bytes sent by the service to the browser since the last call. */
	long takeBytesToBrowser() {
		return this.bytesToBrowser.getAndSet(0);
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.listener);
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			Socket browser;
			try {
				browser = this.listener.accept();
			}
			catch (IOException closed) {
				return;
			}
			if (!this.up) {
				reset(browser);
				continue;
			}
			try {
				Socket service = new Socket(InetAddress.getLoopbackAddress(), this.servicePort);
				this.open.add(browser);
				this.open.add(service);
				start(() -> pipe(browser, service, null));
				start(() -> pipe(service, browser, this.bytesToBrowser));
			}
			catch (IOException unreachable) {
				reset(browser);
			}
		}
	}

	private void pipe(Socket from, Socket to, AtomicLong counter) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				out.write(buffer, 0, read);
				out.flush();
				if (counter != null) {
					counter.addAndGet(read);
				}
			}
		}
		catch (IOException dropped) {
			// cut, or closed by either side
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ignored) {
			// closed anyway below
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ignored) {
			// already closed
		}
	}

	private static void start(Runnable task) {
		Thread thread = new Thread(task, "signal-relay");
		thread.setDaemon(true);
		thread.start();
	}

}
