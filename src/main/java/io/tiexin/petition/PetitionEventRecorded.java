package io.tiexin.petition;

/**
 * Published synchronously as each timeline event is written, inside the transaction that
 * writes it: a listener's writes commit or roll back with the event (the webhooks' outbox
 * is written so). Listeners must be quick and must not call back into the petition's
 * lifecycle.
 *
 * @param status the petition's status once the event is written
 * @param areaCode the petition's area: the finest one known
 */
public record PetitionEventRecorded(PetitionEvent event, String trackingNumber, PetitionStatus status, String areaCode,
		String categoryCode) {
}
