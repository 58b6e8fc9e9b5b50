package io.tiexin.liaison.internal;

import java.time.OffsetDateTime;
import java.util.List;

import io.tiexin.grid.Area;

/** A village's board: its liaisons in order, and when any profile last changed. */
record Board(Area area, List<BoardEntry> liaisons, OffsetDateTime updatedAt) {
}
