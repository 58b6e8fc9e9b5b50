package io.tiexin.grid.internal;

import io.tiexin.grid.Area;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code Area.id}: an area is a Relay {@code Node} whose id is its code. */
@Controller
class AreaNodeId {

	@SchemaMapping(typeName = "Area", field = "id")
	String id(Area area) {
		return area.code();
	}

}
