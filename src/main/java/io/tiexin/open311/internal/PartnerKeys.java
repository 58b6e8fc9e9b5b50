package io.tiexin.open311.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface PartnerKeys extends JpaRepository<PartnerKey, Long> {

	Optional<PartnerKey> findByKeyHashAndRevokedAtIsNull(String keyHash);

	List<PartnerKey> findAllByOrderById();

}
