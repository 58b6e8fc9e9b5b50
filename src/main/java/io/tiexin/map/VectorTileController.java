package io.tiexin.map;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import io.tiexin.people.Actor;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Role;

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
 * {@code grid} (cells with their case counts) is public like the GraphQL geography;
 * {@code petitions} (one point per case: id, status and category, no personal field) is
 * for signed-in staff who handle cases and for citizens, who see others' cases only this
 * way; planners (aggregates only) and anonymous callers get 403.
 * <p>
 * The ETag is a hash of the tile's bytes, so a client revalidating with
 * {@code If-None-Match} gets 304 without the body (the tile is still computed).
 */
@RestController
class VectorTileController {

	static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

	private static final Role[] POINT_READERS = { Role.CITIZEN, Role.GRID_MEMBER, Role.LIAISON, Role.VILLAGE_CADRE,
			Role.TOWNSHIP_OFFICER, Role.COUNTY_ADMIN };

	private final VectorTileRepository tiles;

	private final CurrentActor currentActor;

	VectorTileController(VectorTileRepository tiles, CurrentActor currentActor) {
		this.tiles = tiles;
		this.currentActor = currentActor;
	}

	@GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
	ResponseEntity<?> tile(@PathVariable String layer, @PathVariable int z, @PathVariable int x, @PathVariable int y) {
		if (!layer.equals("grid") && !layer.equals("petitions")) {
			return refusal(HttpStatus.NOT_FOUND,
					"没有这个图层 (no such layer): " + layer + "; 可用 (available): grid, petitions");
		}
		String problem = TileAddress.problemWith(z, x, y);
		if (problem != null) {
			return refusal(HttpStatus.BAD_REQUEST, problem);
		}
		TileAddress tile = new TileAddress(z, x, y);
		if (layer.equals("grid")) {
			return mvt(this.tiles.gridTile(tile), CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic());
		}
		Actor actor = this.currentActor.find().filter(candidate -> candidate.hasAny(POINT_READERS)).orElse(null);
		if (actor == null) {
			return refusal(HttpStatus.FORBIDDEN, "诉求点位图层需登录,规划人员请用网格图层 (the petitions layer is for signed-in citizens "
					+ "and staff who handle cases; planners and the public see the grid layer's counts)");
		}
		// What a person sees depends on who they are (sensitive cases), so only their own
		// cache keeps it.
		return mvt(this.tiles.petitionsTile(tile, actor), CacheControl.maxAge(Duration.ofMinutes(1)).cachePrivate(),
				HttpHeaders.AUTHORIZATION);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, String>> notANumber(MethodArgumentTypeMismatchException mismatch) {
		return refusal(HttpStatus.BAD_REQUEST, "瓦片坐标必须是整数 (z, x and y must be integers): " + mismatch.getName());
	}

	private static ResponseEntity<byte[]> mvt(byte[] bytes, CacheControl cacheControl, String... varyBy) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MVT).cacheControl(cacheControl);
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
			return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
		}
	}

}
