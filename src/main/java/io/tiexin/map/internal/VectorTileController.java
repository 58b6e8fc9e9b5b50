package io.tiexin.map.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.tiexin.grid.AreaLevel;
import io.tiexin.map.AreaCaseCounts;
import io.tiexin.map.AreaCaseCounts.Counts;
import io.tiexin.map.internal.VectorTileRepository.PublishedCells;
import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Role;
import io.tiexin.shared.CalendarPeriod;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt}: Mapbox vector tiles for web maps.
 * {@code grid} (cells with their case counts) is public like the GraphQL geography, with
 * exact counts (and a private cache) for staff where they work; {@code labels} (points
 * naming townships, villages and cells) is public; {@code petitions} (one point per case:
 * id, status and category, no personal field) is for signed-in staff who handle cases and
 * for citizens, who see others' cases only this way, clustered below z13; planners
 * (aggregates only) and anonymous callers get 403. A tile with no feature is 204. Every
 * feature has an id.
 * <p>
 * The (weak) ETag is a hash of the tile's bytes, so a client revalidating with
 * {@code If-None-Match} gets 304 without the body (the tile is still computed).
 */
@RestController
class VectorTileController {

	static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

	static final List<String> LAYERS = List.of("grid", "petitions", "labels");

	/** Staff who may see exact counts where they work (not planners, not citizens). */
	private static final Role[] CASE_WORKERS = { Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE,
			Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN };

	private static final Role[] POINT_READERS = { Role.CITIZEN, Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE,
			Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN };

	private final VectorTileRepository tiles;

	private final CurrentActor currentActor;

	private final ObjectProvider<AreaCaseCounts> caseCounts;

	VectorTileController(VectorTileRepository tiles, CurrentActor currentActor,
			ObjectProvider<AreaCaseCounts> caseCounts) {
		this.tiles = tiles;
		this.currentActor = currentActor;
		this.caseCounts = caseCounts;
	}

	@GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
	ResponseEntity<?> tile(@PathVariable String layer, @PathVariable int z, @PathVariable int x, @PathVariable int y) {
		if (!LAYERS.contains(layer)) {
			return refusal(HttpStatus.NOT_FOUND,
					"没有这个图层 (no such layer): " + layer + "; 可用 (available): " + String.join(", ", LAYERS));
		}
		String problem = TileAddress.problemWith(z, x, y);
		if (problem != null) {
			return refusal(HttpStatus.BAD_REQUEST, problem);
		}
		TileAddress tile = new TileAddress(z, x, y);
		Actor actor = this.currentActor.find().orElse(null);
		if (layer.equals("labels")) {
			return mvt(this.tiles.labelsTile(tile), CacheControl.maxAge(Duration.ofHours(1)).cachePublic());
		}
		if (layer.equals("grid")) {
			// Staff see exact counts in the cells whose cases they work (as in mapLayer):
			// that tile is theirs alone; everyone else shares the public one.
			List<String> exactUnder = (actor != null && actor.hasAny(CASE_WORKERS)) ? actor.scopeAreaCodes()
					: List.of();
			CacheControl cache = exactUnder.isEmpty() ? CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()
					: CacheControl.maxAge(Duration.ofMinutes(1)).cachePrivate();
			return mvt(this.tiles.gridTile(tile, exactUnder, publishedCells()), cache, HttpHeaders.AUTHORIZATION);
		}
		if (actor == null || !actor.hasAny(POINT_READERS)) {
			return refusal(HttpStatus.FORBIDDEN, "诉求点位图层需登录,规划人员请用网格图层 (the petitions layer is for signed-in citizens "
					+ "and staff who handle cases; planners and the public see the grid layer's counts)");
		}
		// What a person sees depends on who they are (sensitive cases), so only their own
		// cache keeps it.
		return mvt(this.tiles.petitionsTile(tile, actor), CacheControl.maxAge(Duration.ofMinutes(1)).cachePrivate(),
				HttpHeaders.AUTHORIZATION);
	}

	/**
	 * The cells' counts of the tiles' period as published, and which are withheld: the
	 * snapshot and choice mapLayer and stats of that period read too (no statement while
	 * the snapshot is fresh). Cells whose cases the viewer works are counted live in the
	 * tile instead.
	 */
	private PublishedCells publishedCells() {
		AreaCaseCounts counter = this.caseCounts.getIfAvailable();
		Map<String, Counts> counts = (counter != null)
				? counter.publishedByArea(AreaLevel.GRID, CalendarPeriod.require(this.tiles.countedPeriod()))
				: Map.of();
		return PublishedCells.of(counts);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, String>> notANumber(MethodArgumentTypeMismatchException mismatch) {
		return refusal(HttpStatus.BAD_REQUEST, "瓦片坐标必须是整数 (z, x and y must be integers): " + mismatch.getName());
	}

	/** An empty tile is 204 No Content, as Martin and pg_tileserv answer. */
	private static ResponseEntity<byte[]> mvt(byte[] bytes, CacheControl cacheControl, String... varyBy) {
		ResponseEntity.BodyBuilder response = ResponseEntity
			.status((bytes.length == 0) ? HttpStatus.NO_CONTENT : HttpStatus.OK)
			.cacheControl(cacheControl);
		if (bytes.length == 0) {
			return (varyBy.length > 0) ? response.varyBy(varyBy).build() : response.build();
		}
		response.contentType(MVT);
		if (varyBy.length > 0) {
			response.varyBy(varyBy);
		}
		return response.eTag(etagOf(bytes)).body(bytes);
	}

	private static ResponseEntity<Map<String, String>> refusal(HttpStatus status, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("message", message));
	}

	private static String etagOf(byte[] bytes) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
			// Weak: the same tile is sent gzipped or not (Tomcat compresses only what has
			// no
			// strong ETag).
			return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
		}
	}

}
