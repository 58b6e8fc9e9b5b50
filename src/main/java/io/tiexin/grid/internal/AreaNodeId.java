package io.tiexin.grid.internal;

import io.tiexin.grid.Area;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Area.id}: an area is a Relay {@code Node} known by its code; the shared web
 * layer makes it the global id {@code Area:<code>}, as for every node.
 */
@Controller
class AreaNodeId {

	@SchemaMapping(typeName = "Area", field = "id")
	String id(Area area) {
		return area.code();
	}

}
