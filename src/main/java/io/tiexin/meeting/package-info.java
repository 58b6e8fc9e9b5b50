/**
 * 屋场贴心会, house-yard meetings: planned, recorded with their items (each answered on the
 * spot or filed as a petition and followed until it closes) or cancelled; the public
 * notice of upcoming meetings, the meetings' map layer and their figures for area
 * statistics. Owns the tables meeting, meeting_attendee, meeting_item and meeting_rollup.
 */
package io.tiexin.meeting;
