package io.tiexin.petition;

import io.tiexin.petition.internal.PetitionRepository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/** The petition categories, read once: they change only with a migration. */
@Component
@DependsOnDatabaseInitialization
public class CategoryCatalog {

	private final Map<String, Category> byCode = new LinkedHashMap<>();

	CategoryCatalog(PetitionRepository repository) {
		repository.categories().forEach(category -> this.byCode.put(category.code(), category));
	}

	public List<Category> all() {
		return List.copyOf(this.byCode.values());
	}

	public Optional<Category> find(String code) {
		return Optional.ofNullable(this.byCode.get(code));
	}

}
