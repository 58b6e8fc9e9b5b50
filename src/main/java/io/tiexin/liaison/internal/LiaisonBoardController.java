package io.tiexin.liaison.internal;

import java.time.OffsetDateTime;

import io.tiexin.grid.Area;
import io.tiexin.liaison.LiaisonProfileInput;
import io.tiexin.people.CurrentActor;
import io.tiexin.people.Person;
import io.tiexin.shared.Ids;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code liaisonBoard} (public, no sign-in) and {@code updateLiaisonProfile}. */
@Controller
class LiaisonBoardController {

	private final LiaisonBoardService service;

	private final CurrentActor currentActor;

	private final BoardUrls urls;

	LiaisonBoardController(LiaisonBoardService service, CurrentActor currentActor, BoardUrls urls) {
		this.service = service;
		this.currentActor = currentActor;
		this.urls = urls;
	}

	@QueryMapping
	Board liaisonBoard(@Argument String areaCode) {
		return this.service.board(areaCode);
	}

	@MutationMapping
	BoardEntry updateLiaisonProfile(@Argument String personId, @Argument LiaisonProfileInput input) {
		return this.service.update(Ids.reference(personId, "Person", "人员编号 (personId)"), input,
				this.currentActor.require());
	}

	@SchemaMapping(typeName = "LiaisonBoard")
	Area area(Board board) {
		return board.area();
	}

	@SchemaMapping(typeName = "LiaisonBoard")
	Object liaisons(Board board) {
		return board.liaisons();
	}

	@SchemaMapping(typeName = "LiaisonBoard")
	OffsetDateTime updatedAt(Board board) {
		return board.updatedAt();
	}

	@SchemaMapping(typeName = "LiaisonBoard")
	String printUrl(Board board) {
		return this.urls.boardUrl(board.area().code());
	}

	@SchemaMapping(typeName = "LiaisonProfile")
	Person person(BoardEntry entry) {
		return entry.person();
	}

	@SchemaMapping(typeName = "LiaisonProfile")
	String position(BoardEntry entry) {
		return entry.position();
	}

	@SchemaMapping(typeName = "LiaisonProfile")
	String commitment(BoardEntry entry) {
		return entry.commitment();
	}

	@SchemaMapping(typeName = "LiaisonProfile")
	String duties(BoardEntry entry) {
		return entry.duties();
	}

	@SchemaMapping(typeName = "LiaisonProfile")
	String photoUrl(BoardEntry entry) {
		return entry.photoUrl();
	}

	@SchemaMapping(typeName = "LiaisonProfile")
	OffsetDateTime since(BoardEntry entry) {
		return (entry.profile() != null) ? entry.profile().getSince() : null;
	}

}
