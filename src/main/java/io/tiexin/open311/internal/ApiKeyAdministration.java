package io.tiexin.open311.internal;

import io.tiexin.shared.postgres.TransactionManagers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.tiexin.people.Actor;
import io.tiexin.people.Person;
import io.tiexin.people.PersonDirectory;
import io.tiexin.people.Role;
import io.tiexin.petition.Channel;
import io.tiexin.shared.ErrorCode;
import io.tiexin.shared.ServiceTime;
import io.tiexin.shared.TiexinException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists and revokes Open311 api_keys (county administrators), and says whom a key
 * stands for. A key is 32 random bytes; only its SHA-256 is stored, which is enough for a
 * secret of that strength (a slow password hash guards guessable secrets).
 */
@Service
class ApiKeyAdministration {

	static final int MAX_PARTNER_NAME = 50;

	private static final String KEY_PREFIX = "tx311_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PartnerKeys keys;

	private final PersonDirectory people;

	private final Clock clock;

	ApiKeyAdministration(PartnerKeys keys, PersonDirectory people, Clock clock) {
		this.keys = keys;
		this.people = people;
		this.clock = clock;
	}

	/** A new partner (a person) and its key; the key is in this answer only. */
	@Transactional(transactionManager = TransactionManagers.JPA)
	public ApiKey create(String partnerName, Channel channel, Actor actor) {
		requireAdmin(actor);
		if (partnerName == null || partnerName.isBlank() || partnerName.strip().length() > MAX_PARTNER_NAME) {
			throw new TiexinException(ErrorCode.VALIDATION, "合作方名称不能为空,最多 " + MAX_PARTNER_NAME
					+ " 个字符 (partnerName is required, at most " + MAX_PARTNER_NAME + " characters)");
		}
		Person partner = this.people.createPartner(partnerName.strip());
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		PartnerKey saved = this.keys.save(new PartnerKey(partner.id(), hash(key), key.substring(0, 12),
				(channel != null) ? channel : Channel.HOTLINE_12345, actor.personId(), ServiceTime.now(this.clock)));
		return saved.toApiKey(key);
	}

	@Transactional(transactionManager = TransactionManagers.JPA)
	public boolean revoke(long id, Actor actor) {
		requireAdmin(actor);
		PartnerKey key = this.keys.findById(id)
			.orElseThrow(() -> new TiexinException(ErrorCode.NOT_FOUND, "找不到该 api_key (no such api_key): " + id));
		if (!key.isRevoked()) {
			key.revoke(ServiceTime.now(this.clock));
		}
		return true;
	}

	@Transactional(transactionManager = TransactionManagers.JPA, readOnly = true)
	public List<ApiKey> list(Actor actor) {
		requireAdmin(actor);
		return this.keys.findAllByOrderById().stream().map(key -> key.toApiKey(null)).toList();
	}

	/** The partner a valid, unrevoked key stands for, with the key's channel. */
	@Transactional(transactionManager = TransactionManagers.JPA, readOnly = true)
	public Optional<Partner> authenticate(String key) {
		if (key == null || key.isBlank() || key.length() > 100) {
			return Optional.empty();
		}
		return this.keys.findByKeyHashAndRevokedAtIsNull(hash(key.strip()))
			.flatMap(found -> this.people.findById(found.partnerId())
				.map(person -> new Partner(person.asActor(), found.channel())));
	}

	static void requireAdmin(Actor actor) {
		if (!actor.has(Role.COUNTY_ADMIN)) {
			throw new TiexinException(ErrorCode.FORBIDDEN,
					"只有县级管理员可以管理 api_key (only county administrators manage api_keys)");
		}
	}

	private static String hash(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** Whom an api_key stands for, and the channel its petitions come in by. */
	record Partner(Actor actor, Channel channel) {
	}

}
