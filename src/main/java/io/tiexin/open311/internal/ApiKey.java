package io.tiexin.open311.internal;

import java.time.OffsetDateTime;

import io.tiexin.petition.Channel;

/**
 * GraphQL's {@code ApiKey}.
 *
 * @param key the key itself, only in {@code createApiKey}'s answer (only its hash is
 * stored)
 * @param prefix its first characters, to tell keys apart
 */
record ApiKey(long id, long partnerId, String key, String prefix, Channel channel, OffsetDateTime createdAt,
		OffsetDateTime revokedAt) {
}
