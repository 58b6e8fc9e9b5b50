package io.tiexin.webhook.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.TiexinException;

/**
 * Which URLs a webhook may have: absolute {@code http} or {@code https} with a host, no
 * user info, and, unless {@code tiexin.webhooks.allow-private-addresses}, no host that
 * resolves to a loopback, private, link-local (cloud metadata) or wildcard address — the
 * deliveries' answers are shown to administrators, so a URL inside the network would turn
 * the service into a probe of it. Checked when a webhook is created and again before each
 * delivery (a name may resolve elsewhere later).
 */
final class WebhookUrls {

	static final int MAX_LENGTH = 2000;

	private WebhookUrls() {
	}

	static URI validate(String url, boolean allowPrivateAddresses) {
		if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
			throw invalid("网址不能为空,最多 " + MAX_LENGTH + " 个字符 (url is required, at most " + MAX_LENGTH + " characters)");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw invalid("网址格式无效 (not a valid URL): " + url);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw invalid("网址须以 http:// 或 https:// 开头 (only http and https URLs are accepted): " + url);
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw invalid("网址须有主机名,且不含用户信息或片段 (the URL needs a host, and no user info or fragment): " + url);
		}
		if (!allowPrivateAddresses) {
			requirePublic(uri.getHost());
		}
		return uri;
	}

	private static void requirePublic(String host) {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			throw invalid("无法解析主机名 (unknown host): " + host);
		}
		for (InetAddress address : addresses) {
			if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
					|| address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)) {
				throw invalid("网址指向内部网络地址 (the URL points into a private network): " + host + " → "
						+ address.getHostAddress());
			}
		}
	}

	/**
	 * IPv6 unique local addresses (fc00::/7), which Java does not count as site-local.
	 */
	private static boolean isUniqueLocal(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}

	private static TiexinException invalid(String message) {
		return new TiexinException(ErrorCode.VALIDATION, message);
	}

}
