package io.tiexin.meeting;

/**
 * One item raised: with an answer it was answered on the spot; without one
 * {@code categoryCode} is required and it is filed as a petition.
 */
public record MeetingItemInput(String text, String raisedBy, String answer, String categoryCode) {
}
