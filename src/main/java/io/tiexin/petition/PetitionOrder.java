package io.tiexin.petition;

/**
 * The order of a petition list: a field and a direction, ties broken by id in the same
 * direction, so that the order is total and a keyset cursor can stand for a position in
 * it.
 */
public record PetitionOrder(PetitionOrderField field, OrderDirection direction) {

	/** Newest first: the lists' default. */
	public static final PetitionOrder NEWEST_FIRST = new PetitionOrder(PetitionOrderField.SUBMITTED_AT,
			OrderDirection.DESC);

	public PetitionOrder {
		field = (field != null) ? field : PetitionOrderField.SUBMITTED_AT;
		direction = (direction != null) ? direction : OrderDirection.ASC;
	}

}
