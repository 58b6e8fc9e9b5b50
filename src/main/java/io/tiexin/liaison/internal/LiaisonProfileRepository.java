package io.tiexin.liaison.internal;

import org.springframework.data.repository.ListCrudRepository;

/** Liaison profiles by person id. */
interface LiaisonProfileRepository extends ListCrudRepository<LiaisonProfile, Long> {

}
